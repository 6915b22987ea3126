using Restaking.Domain.Markets;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Markets;

/// <summary>Yield-driven deposits and exits: supply × sensitivity × (token yield − benchmark), clamped (model choice).</summary>
public class YieldFlowsTests
{
    private const long Eth = 1_000_000_000;

    private static long PerMille(long n) => Wad.One / 1000 * n;

    [Fact]
    public void A_yield_above_the_benchmark_draws_deposits_and_below_it_exits()
    {
        // 6 % LRT vs 3.5 % staking (docs/public-figures.md): spread 2.5 %; sensitivity 0.1 → 0.25 % of supply a tick;
        // 1,000,000 tokens → 2,500 in. The reverse spread takes 2,500 out.
        var flows = new YieldFlows(flowSensitivityWad: Wad.One / 10, maxFlowPerTickWad: Wad.One / 100);
        Assert.Equal(2_500 * Eth, flows.NetFlowTokens(1_000_000 * Eth, PerMille(60), PerMille(35)));
        Assert.Equal(-2_500 * Eth, flows.NetFlowTokens(1_000_000 * Eth, PerMille(35), PerMille(60)));
        Assert.Equal(0, flows.NetFlowTokens(1_000_000 * Eth, PerMille(35), PerMille(35)));
    }

    [Fact]
    public void Flows_are_clamped_and_round_toward_zero()
    {
        // Clamp 0.1 % a tick: 1,000 of 1,000,000 even though 0.25 % was asked.
        var clamped = new YieldFlows(Wad.One / 10, PerMille(1));
        Assert.Equal(1_000 * Eth, clamped.NetFlowTokens(1_000_000 * Eth, PerMille(60), PerMille(35)));
        Assert.Equal(-1_000 * Eth, clamped.NetFlowTokens(1_000_000 * Eth, PerMille(35), PerMille(60)));

        // 999 gwei × 0.25 % = 2.4975 → 2 either way.
        var flows = new YieldFlows(Wad.One / 10, Wad.One / 100);
        Assert.Equal(2, flows.NetFlowTokens(999, PerMille(60), PerMille(35)));
        Assert.Equal(-2, flows.NetFlowTokens(999, PerMille(35), PerMille(60)));
    }
}
