namespace Restaking.Domain.Symbiotic;

/// <summary>
/// A vault's clock (VaultStorage.sol): epochs of <see cref="EpochDuration"/> seconds counted from
/// <see cref="EpochDurationInit"/>, the vault's initialisation time. Epoch e covers
/// [init + e·duration, init + (e+1)·duration).
/// </summary>
public readonly record struct VaultEpochs
{
    public VaultEpochs(long epochDurationInit, long epochDuration)
    {
        // Vault._initialize: InvalidEpochDuration when epochDuration == 0.
        if (epochDuration <= 0) throw new SymbioticRevertException("InvalidEpochDuration");
        if (epochDurationInit < 0) throw new ArgumentOutOfRangeException(nameof(epochDurationInit));
        EpochDurationInit = epochDurationInit;
        EpochDuration = epochDuration;
    }

    public long EpochDurationInit { get; }

    public long EpochDuration { get; }

    /// <summary><c>epochAt(t)</c> = (t − init) / duration, rounded down; a time before init reverts InvalidTimestamp.</summary>
    public long EpochAt(long timestamp) =>
        timestamp < EpochDurationInit
            ? throw new SymbioticRevertException("InvalidTimestamp")
            : (timestamp - EpochDurationInit) / EpochDuration;

    /// <summary><c>currentEpoch()</c>: the epoch of <paramref name="now"/>.</summary>
    public long CurrentEpoch(long now) => EpochAt(now);

    /// <summary>Start of epoch e: init + e·duration (<c>currentEpochStart</c>, <c>nextEpochStart</c> are e = current, current + 1).</summary>
    public long EpochStart(long epoch) => checked(EpochDurationInit + epoch * EpochDuration);

    /// <summary><c>currentEpochStart()</c>.</summary>
    public long CurrentEpochStart(long now) => EpochStart(CurrentEpoch(now));
}
