using Restaking.Domain.Units;

namespace Restaking.Domain.EigenLayer;

/// <summary>
/// Lazy staker balances (eigenlayer-contracts docs/core/accounting/SharesAccounting.md): a staker stores deposit
/// shares only; what it can withdraw is deposit shares × the cumulative factors of its operator and strategy
/// (a = s·k·l·m). We keep each (operator, asset) pool's cumulative factor as "current shares / deposited shares",
/// so no staker is touched when its operator is slashed; the balance is computed on demand, rounding down,
/// so the sum over stakers never exceeds what the operator holds.
/// </summary>
public static class WithdrawableShares
{
    public static long Of(long depositShares, long poolShares, long poolDeposits) =>
        poolDeposits == 0 ? 0 : Wad.MulDiv(depositShares, poolShares, poolDeposits, Rounding.Down);

    /// <summary>The same share ⌊scaled × S / Σ scaled⌋ over scaled shares s·k, which EigenLayer keeps in uint256: past a long
    /// once k is large (<see cref="DepositScalingFactor"/>). At most <paramref name="poolShares"/> while scaled ≤ Σ scaled.</summary>
    public static long Of(Int128 scaledShares, long poolShares, Int128 poolScaledShares) =>
        poolScaledShares == 0 ? 0 : checked((long)Wad.MulDiv(scaledShares, poolShares, poolScaledShares, Rounding.Down));
}
