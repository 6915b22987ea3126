using Restaking.Domain.Units;

namespace Restaking.Domain.Lending;

/// <summary>One borrower: collateral in tokens (gwei of token) and debt in ETH (gwei).</summary>
public readonly record struct LendingPosition(long CollateralTokens, long DebtGwei)
{
    /// <summary>1× leverage in basis points.</summary>
    public const long OneTimes = 10_000;

    /// <summary>
    /// A leverage loop: equity E (ETH, gwei) buys tokens, deposits them, borrows ETH, buys more … until the position
    /// holds E·L of collateral against E·(L − 1) of debt. Each round borrows within LTV, so the loop only closes
    /// when debt / collateral = (L − 1) / L ≤ LTV (checked exactly). Collateral tokens = E·L / entry price, debt =
    /// E·(L − 1), both rounded down. (Aave's wstETH e-mode liquidation threshold 96.5 % allowed > 20×, docs/domain-rules.md.)
    /// Leverage is in basis points (10× = 100,000): a WAD long stops at ~9.2×.
    /// </summary>
    public static LendingPosition Loop(long equityGwei, long leverageBps, long entryPriceWad, long ltvWad)
    {
        if (equityGwei < 0) throw new ArgumentOutOfRangeException(nameof(equityGwei), "equity must be non-negative");
        if (leverageBps < OneTimes) throw new ArgumentOutOfRangeException(nameof(leverageBps), "leverage is at least 1×");
        if (entryPriceWad <= 0) throw new ArgumentOutOfRangeException(nameof(entryPriceWad), "price must be positive");
        if (!LoopFits(leverageBps, ltvWad))
            throw new ArgumentException($"leverage {leverageBps} bps needs LTV ≥ (L − 1) / L, above {Wad.ToDecimalString(ltvWad)}",
                nameof(leverageBps));
        long exposure = Wad.MulDiv(equityGwei, leverageBps, OneTimes, Rounding.Down);
        long collateral = Wad.MulDiv(exposure, Wad.One, entryPriceWad, Rounding.Down);
        long debt = Wad.MulDiv(equityGwei, leverageBps - OneTimes, OneTimes, Rounding.Down);
        return new LendingPosition(collateral, debt);
    }

    /// <summary>Whether a loop to <paramref name="leverageBps"/> can close under <paramref name="ltvWad"/>: (L − 1) / L ≤ LTV
    /// ⇔ (L − 1) · WAD ≤ LTV · L, in 128 bits. The scenario loader asks the same question to name the bad field.</summary>
    public static bool LoopFits(long leverageBps, long ltvWad) =>
        (Int128)(leverageBps - OneTimes) * Wad.One <= (Int128)ltvWad * leverageBps;
}
