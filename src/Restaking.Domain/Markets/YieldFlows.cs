using Restaking.Domain.Units;

namespace Restaking.Domain.Markets;

/// <summary>
/// Deposits and exits driven by yield (model choice, ours): capital moves toward the better yield, in proportion
/// to the spread. Net flow per tick = supply × sensitivity × (token yield − benchmark yield), clamped to
/// ± supply × <see cref="MaxFlowPerTickWad"/>; positive mints (deposits), negative exits. Yields are WAD per year
/// (3.5 % = 0.035 WAD; base staking ~3.5–3.7 %, headline LRT yields 6–12 %, docs/public-figures.md); sensitivity is the
/// share of supply that moves per tick per 1.0 (100 %/year) of spread.
/// </summary>
public sealed record YieldFlows
{
    public YieldFlows(long flowSensitivityWad, long maxFlowPerTickWad)
    {
        if (flowSensitivityWad < 0) throw new ArgumentOutOfRangeException(nameof(flowSensitivityWad), "sensitivity must be non-negative");
        if (maxFlowPerTickWad < 0 || maxFlowPerTickWad > Wad.One)
            throw new ArgumentOutOfRangeException(nameof(maxFlowPerTickWad), "clamp must be in [0, WAD]");
        FlowSensitivityWad = flowSensitivityWad;
        MaxFlowPerTickWad = maxFlowPerTickWad;
    }

    public long FlowSensitivityWad { get; }

    public long MaxFlowPerTickWad { get; }

    /// <summary>
    /// Signed tokens that join (+) or leave (−) this tick. The rate sensitivity × |spread| and the amount
    /// supply × rate both round down, i.e. toward zero whichever way the flow goes.
    /// </summary>
    public long NetFlowTokens(long supply, long tokenYieldWad, long benchmarkYieldWad)
    {
        if (supply < 0) throw new ArgumentOutOfRangeException(nameof(supply), "supply must be non-negative");
        long spread = checked(tokenYieldWad - benchmarkYieldWad);
        if (spread == 0) return 0;
        long rate = Math.Min(MaxFlowPerTickWad, Wad.Mul(FlowSensitivityWad, Math.Abs(spread), Rounding.Down));
        long tokens = Wad.Mul(supply, rate, Rounding.Down);
        return spread > 0 ? tokens : -tokens;
    }
}
