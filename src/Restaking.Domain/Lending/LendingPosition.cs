using Restaking.Domain.Units;

namespace Restaking.Domain.Lending;

/// <summary>One borrower: collateral in tokens (gwei of token) and debt in ETH (gwei).</summary>
public readonly record struct LendingPosition(long CollateralTokens, long DebtGwei)
{
    /// <summary>
    /// A leverage loop: equity E (ETH, gwei) buys tokens, deposits them, borrows ETH, buys more … until the position
    /// holds E·L of collateral against E·(L − 1) of debt. Each round borrows within LTV, so the loop only closes
    /// when debt / collateral = (L − 1) / L ≤ LTV (checked exactly). Collateral tokens = E·L / entry price, debt =
    /// E·(L − 1), both rounded down. (Aave's wstETH e-mode liquidation threshold 96.5 % allowed > 20×, DOMAIN.md.)
    /// </summary>
    public static LendingPosition Loop(long equityGwei, long leverageWad, long entryPriceWad, long ltvWad)
    {
        if (equityGwei < 0) throw new ArgumentOutOfRangeException(nameof(equityGwei), "equity must be non-negative");
        if (leverageWad < Wad.One) throw new ArgumentOutOfRangeException(nameof(leverageWad), "leverage is at least 1");
        if (entryPriceWad <= 0) throw new ArgumentOutOfRangeException(nameof(entryPriceWad), "price must be positive");
        // (L − 1) / L ≤ LTV  ⇔  (L − 1) · WAD ≤ LTV · L, in 128 bits.
        if ((Int128)(leverageWad - Wad.One) * Wad.One > (Int128)ltvWad * leverageWad)
            throw new ArgumentException($"leverage {Wad.ToDecimalString(leverageWad)} needs LTV ≥ (L − 1) / L, above {Wad.ToDecimalString(ltvWad)}",
                nameof(leverageWad));
        long exposure = Wad.Mul(equityGwei, leverageWad, Rounding.Down);
        long collateral = Wad.MulDiv(exposure, Wad.One, entryPriceWad, Rounding.Down);
        long debt = Wad.Mul(equityGwei, leverageWad - Wad.One, Rounding.Down);
        return new LendingPosition(collateral, debt);
    }
}
