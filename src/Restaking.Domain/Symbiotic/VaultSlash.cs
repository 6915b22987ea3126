namespace Restaking.Domain.Symbiotic;

/// <summary>
/// What one <see cref="Vault.Slash"/> (Vault.onSlash) took and from where. <see cref="SlashableStake"/> is the
/// base the pro-rata split was made on: active + withdrawals[current + 1] when the capture is in the current epoch,
/// plus withdrawals[current] when it is in the previous one.
/// </summary>
public readonly record struct VaultSlash(
    long Requested,
    long CaptureEpoch,
    long CurrentEpoch,
    long SlashableStake,
    long ActiveSlashed,
    long WithdrawalsSlashed,
    long NextWithdrawalsSlashed)
{
    /// <summary>min(requested, slashable stake): what goes to the burner.</summary>
    public long Slashed => ActiveSlashed + WithdrawalsSlashed + NextWithdrawalsSlashed;
}
