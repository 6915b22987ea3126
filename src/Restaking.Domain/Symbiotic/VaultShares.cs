using Restaking.Domain.Units;

namespace Restaking.Domain.Symbiotic;

/// <summary>
/// Share ↔ asset conversion of a Symbiotic vault (src/contracts/libraries/ERC4626Math.sol): one virtual share and
/// one virtual asset (decimals offset 0), i.e. shares = assets·(totalShares + 1)/(totalAssets + 1) and back.
/// Deposits and redemptions round down, withdrawals (shares to burn for an asset amount) round up: the vault keeps the dust.
/// Because depositors hold shares, a slash that lowers the stake lowers every holder's balance in proportion.
/// </summary>
public static class VaultShares
{
    /// <summary><c>previewDeposit</c>: shares minted for <paramref name="assets"/>, rounded down.</summary>
    public static long PreviewDeposit(long assets, long totalShares, long totalAssets) =>
        Wad.MulDiv(assets, totalShares + 1, totalAssets + 1, Rounding.Down);

    /// <summary><c>previewWithdraw</c>: shares burned to take out <paramref name="assets"/>, rounded up.</summary>
    public static long PreviewWithdraw(long assets, long totalShares, long totalAssets) =>
        Wad.MulDiv(assets, totalShares + 1, totalAssets + 1, Rounding.Up);

    /// <summary><c>previewRedeem</c>: assets paid for <paramref name="shares"/>, rounded down.</summary>
    public static long PreviewRedeem(long shares, long totalAssets, long totalShares) =>
        Wad.MulDiv(shares, totalAssets + 1, totalShares + 1, Rounding.Down);
}
