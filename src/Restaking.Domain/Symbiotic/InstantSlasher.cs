namespace Restaking.Domain.Symbiotic;

/// <summary>
/// The instant slasher (src/contracts/slasher/Slasher.sol, <c>slash</c>): a network's request executes at once.
/// The capture must lie within the last vault epoch and in the past (InvalidCaptureTimestamp); the amount is capped
/// at the operator's slashable stake for that capture (<see cref="BaseSlasher.SlashableStake"/>), and nothing left
/// to slash reverts InsufficientSlash.
/// </summary>
public sealed class InstantSlasher(Vault vault, Delegator delegator) : BaseSlasher(vault, delegator)
{
    /// <summary><c>slash(network, operator, amount, captureTimestamp)</c>.</summary>
    public ExecutedSlash Slash(string network, string @operator, long amount, long captureTimestamp, long now)
    {
        if (amount < 0) throw new ArgumentOutOfRangeException(nameof(amount));
        if (captureTimestamp < now - Vault.EpochDuration || captureTimestamp >= now)
            throw new SymbioticRevertException("InvalidCaptureTimestamp");
        var (slashable, stakeAt) = SlashableAndStakeAt(network, @operator, captureTimestamp, now);
        long slashed = Math.Min(amount, slashable);
        if (slashed == 0) throw new SymbioticRevertException("InsufficientSlash");
        return Execute(network, @operator, slashed, captureTimestamp, slashable, stakeAt, now);
    }
}
