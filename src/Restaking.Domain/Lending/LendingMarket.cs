using System.Numerics;
using Restaking.Domain.Units;

namespace Restaking.Domain.Lending;

/// <summary>
/// An Aave-style market with one collateral token and ETH debt (aave-v3-core GenericLogic, LiquidationLogic).
/// The oracle price (ETH per token, WAD) is an input: the caller chooses whether it follows the pool's market price
/// or NAV, the choice that decided how far a depeg reached lenders. Liquidation repays debt for collateral plus a
/// bonus; collateral that no longer covers the debt leaves bad debt, written off as Aave v3.3 does with its
/// deficit. Positions are liquidated in index order, so a run is deterministic.
/// </summary>
public sealed class LendingMarket
{
    private readonly List<LendingPosition> positions = [];

    public LendingMarket(LendingParameters parameters) => Parameters = parameters;

    public LendingParameters Parameters { get; }

    /// <summary>Debt written off so far (gwei).</summary>
    public long BadDebtGwei { get; private set; }

    public int Count => positions.Count;

    public LendingPosition Position(int index) => positions[index];

    public long TotalCollateralTokens => positions.Sum(p => p.CollateralTokens);

    public long TotalDebtGwei => positions.Sum(p => p.DebtGwei);

    /// <summary>Adds a position; returns its index.</summary>
    public int Open(LendingPosition position)
    {
        if (position.CollateralTokens < 0 || position.DebtGwei < 0)
            throw new ArgumentOutOfRangeException(nameof(position), "collateral and debt must be non-negative");
        positions.Add(position);
        return positions.Count - 1;
    }

    /// <summary>
    /// Health factor = collateral × price × liquidation threshold / debt (GenericLogic.calculateUserAccountData),
    /// computed exactly and rounded down once, so a borderline position counts as liquidatable;
    /// <see cref="long.MaxValue"/> without debt.
    /// </summary>
    public long HealthFactorWad(LendingPosition position, long priceWad)
    {
        if (position.DebtGwei == 0) return long.MaxValue;
        var health = (BigInteger)position.CollateralTokens * priceWad * Parameters.LiquidationThresholdWad
            / ((BigInteger)position.DebtGwei * Wad.One);
        return health > long.MaxValue ? long.MaxValue : (long)health;
    }

    /// <summary>
    /// The lowest oracle price at which the position is not liquidatable (health factor ≥ 1):
    /// ⌈debt / (collateral × LT)⌉ as a WAD; 0 without debt, <see cref="long.MaxValue"/> without collateral.
    /// </summary>
    public long LiquidationPriceWad(LendingPosition position)
    {
        if (position.DebtGwei == 0) return 0;
        var weighted = (BigInteger)position.CollateralTokens * Parameters.LiquidationThresholdWad;
        if (weighted.IsZero) return long.MaxValue;
        var price = BigInteger.DivRem((BigInteger)position.DebtGwei * Wad.One * Wad.One, weighted, out var rem);
        if (!rem.IsZero) price += 1;
        return price > long.MaxValue ? long.MaxValue : (long)price;
    }

    /// <summary>
    /// One liquidation round at <paramref name="priceWad"/>: every position with HF &lt; 1, by index, is liquidated
    /// once (LiquidationLogic.executeLiquidationCall):
    /// repay = debt × close factor (50 %, or 100 % when HF ≤ 0.95), rounded up so a dust debt still closes
    /// (Aave's percentMul rounds half up);
    /// seize = repay × (1 + bonus) / price tokens, rounded down; if that exceeds the collateral, all of it is seized
    /// and the repay shrinks to collateral × price / (1 + bonus), rounded down
    /// (_calculateAvailableCollateralToLiquidate); debt left with no collateral is bad debt and written off.
    /// The caller sells the seized collateral into the market (liquidators do), which moves the price.
    /// </summary>
    public LiquidationRound Liquidate(long priceWad)
    {
        if (priceWad < 0) throw new ArgumentOutOfRangeException(nameof(priceWad), "price must be non-negative");
        long bonusFactor = Wad.One + Parameters.LiquidationBonusWad;
        long seizedTotal = 0, repaidTotal = 0, badTotal = 0;
        int count = 0;
        for (int i = 0; i < positions.Count; i++)
        {
            var p = positions[i];
            if (p.DebtGwei == 0) continue;
            long health = HealthFactorWad(p, priceWad);
            if (health >= Wad.One) continue;

            long repay = Wad.Mul(p.DebtGwei, Parameters.CloseFactorAt(health), Rounding.Up);
            long seize = priceWad == 0 ? long.MaxValue : Wad.MulDiv(repay, bonusFactor, priceWad, Rounding.Down);
            if (seize >= p.CollateralTokens)
            {
                seize = p.CollateralTokens;
                repay = Math.Min(repay, Wad.MulDiv(seize, priceWad, bonusFactor, Rounding.Down));
            }
            long collateral = p.CollateralTokens - seize;
            long debt = p.DebtGwei - repay;
            long bad = collateral == 0 ? debt : 0;
            positions[i] = new LendingPosition(collateral, debt - bad);

            seizedTotal += seize;
            repaidTotal += repay;
            badTotal += bad;
            count++;
        }
        BadDebtGwei = checked(BadDebtGwei + badTotal);
        return new LiquidationRound(seizedTotal, repaidTotal, badTotal, count);
    }

    /// <summary>Parameters (5), bad debt so far, position count, then (collateral, debt) per position by index.</summary>
    public long[] Save()
    {
        var head = Parameters.Save();
        var state = new long[head.Length + 2 + 2 * positions.Count];
        head.CopyTo(state, 0);
        state[head.Length] = BadDebtGwei;
        state[head.Length + 1] = positions.Count;
        for (int i = 0; i < positions.Count; i++)
        {
            state[head.Length + 2 + 2 * i] = positions[i].CollateralTokens;
            state[head.Length + 3 + 2 * i] = positions[i].DebtGwei;
        }
        return state;
    }

    public static LendingMarket Restore(long[] state)
    {
        const int head = 5;
        if (state.Length < head + 2 || state[head + 1] < 0 || state.Length != head + 2 + 2 * state[head + 1])
            throw new ArgumentException("not a saved lending market", nameof(state));
        var market = new LendingMarket(LendingParameters.Restore(state.AsSpan(0, head)));
        if (state[head] < 0) throw new ArgumentException("bad debt must be non-negative", nameof(state));
        market.BadDebtGwei = state[head];
        for (int i = 0; i < state[head + 1]; i++) market.Open(new LendingPosition(state[head + 2 + 2 * i], state[head + 3 + 2 * i]));
        return market;
    }
}

/// <summary>
/// What one <see cref="LendingMarket.Liquidate"/> round did: collateral seized (tokens the liquidators will sell),
/// debt repaid (ETH, gwei), debt written off as bad (gwei), positions liquidated.
/// </summary>
public readonly record struct LiquidationRound(long CollateralSeizedTokens, long DebtRepaidGwei, long BadDebtGwei, int Liquidations);
