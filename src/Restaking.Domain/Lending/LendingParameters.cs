using Restaking.Domain.Units;

namespace Restaking.Domain.Lending;

/// <summary>
/// Risk parameters of one collateral token lent against ETH, as Aave v3 configures a reserve (aave-v3-core
/// ReserveConfiguration, LiquidationLogic), all WADs: loan-to-value (most one may borrow), liquidation threshold
/// (the weight in the health factor), liquidation bonus (extra collateral the liquidator gets, 5 % = 0.05 WAD;
/// Aave writes it as 10500 bps), close factor (share of debt one liquidation may repay; Aave v3
/// DEFAULT_LIQUIDATION_CLOSE_FACTOR = 50 %) and the health factor at or below which the whole debt may be repaid
/// (CLOSE_FACTOR_HF_THRESHOLD = 0.95, then MAX_LIQUIDATION_CLOSE_FACTOR = 100 %). Not modelled: Aave v3.3's full
/// close of positions worth less than MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD ($2,000), and the protocol's fee on the bonus.
/// </summary>
public sealed record LendingParameters
{
    /// <summary>Aave v3's DEFAULT_LIQUIDATION_CLOSE_FACTOR, 50 %.</summary>
    public const long AaveCloseFactorWad = Wad.One / 2;

    /// <summary>Aave v3's CLOSE_FACTOR_HF_THRESHOLD, 0.95.</summary>
    public const long AaveFullCloseBelowHealthWad = 950_000_000_000_000_000L;

    public LendingParameters(long ltvWad, long liquidationThresholdWad, long liquidationBonusWad,
        long closeFactorWad = AaveCloseFactorWad, long fullCloseHealthFactorWad = AaveFullCloseBelowHealthWad)
    {
        if (ltvWad < 0 || ltvWad > liquidationThresholdWad || liquidationThresholdWad > Wad.One)
            throw new ArgumentOutOfRangeException(nameof(ltvWad), "need 0 ≤ LTV ≤ liquidation threshold ≤ 1");
        if (liquidationBonusWad < 0) throw new ArgumentOutOfRangeException(nameof(liquidationBonusWad), "bonus must be non-negative");
        if (closeFactorWad <= 0 || closeFactorWad > Wad.One)
            throw new ArgumentOutOfRangeException(nameof(closeFactorWad), "close factor must be in (0, WAD]");
        if (fullCloseHealthFactorWad < 0 || fullCloseHealthFactorWad > Wad.One)
            throw new ArgumentOutOfRangeException(nameof(fullCloseHealthFactorWad), "full-close health factor must be in [0, WAD]");
        LtvWad = ltvWad;
        LiquidationThresholdWad = liquidationThresholdWad;
        LiquidationBonusWad = liquidationBonusWad;
        CloseFactorWad = closeFactorWad;
        FullCloseHealthFactorWad = fullCloseHealthFactorWad;
    }

    public long LtvWad { get; }

    public long LiquidationThresholdWad { get; }

    public long LiquidationBonusWad { get; }

    public long CloseFactorWad { get; }

    public long FullCloseHealthFactorWad { get; }

    /// <summary>
    /// The share of debt a liquidation may repay at this health factor: the close factor above the threshold,
    /// all of it at or below (LiquidationLogic: healthFactor &gt; CLOSE_FACTOR_HF_THRESHOLD ? 50 % : 100 %).
    /// </summary>
    public long CloseFactorAt(long healthFactorWad) =>
        healthFactorWad > FullCloseHealthFactorWad ? CloseFactorWad : Wad.One;

    /// <summary>LTV, liquidation threshold, bonus, close factor, full-close health factor.</summary>
    public long[] Save() => [LtvWad, LiquidationThresholdWad, LiquidationBonusWad, CloseFactorWad, FullCloseHealthFactorWad];

    public static LendingParameters Restore(ReadOnlySpan<long> state)
    {
        if (state.Length != 5) throw new ArgumentException($"lending parameters save 5 longs, got {state.Length}", nameof(state));
        return new LendingParameters(state[0], state[1], state[2], state[3], state[4]);
    }
}
