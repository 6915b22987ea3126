using Restaking.Domain.Adversary;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Adversary;

public class Dr24ConstructionsTests
{
    [Fact]
    public void Tight_network_matches_the_hand_computed_example()
    {
        // γ = 0.1, σ_b = 1000 ETH: π = 1001 ETH, σ_d = ⌈1.1 · 1001⌉ − 1000 = 102 ETH, α just above 1000/1102.
        var example = Dr24Constructions.TightNetwork(1, 10, Gwei.FromEth(1000));
        var net = example.Network;
        Assert.Equal(Gwei.FromEth(1001), net.ValueAtRiskGwei(0));
        Assert.Equal(Gwei.FromEth(1000), net.OperatorStakeGwei(0));
        Assert.Equal(Gwei.FromEth(102), net.OperatorStakeGwei(1));
        Assert.Equal([1], example.ShockedOperators);
    }

    [Theory]
    [InlineData(1, 10, 1000)]
    [InlineData(1, 20, 32)]
    [InlineData(1, 4, 50_000)]
    [InlineData(1, 2, 1000)]
    [InlineData(1, 1, 7)]
    public void Tight_network_is_gamma_slack_and_reaches_90_percent_of_the_bound(long gn, long gd, long baseEth)
    {
        var example = Dr24Constructions.TightNetwork(gn, gd, Gwei.FromEth(baseEth));
        var net = example.Network;
        Assert.True(SecurityChecks.IsGammaSlack(net, gn, gd));
        Assert.False(SecurityChecks.IsGammaSlack(net, 2 * gn, gd)); // and not much more: the slack is tight
        Assert.Null(ExactAttackSearch.Find(net));

        var result = Dr24Cascade.Run(net, example.ShockedOperators, AttackSearchMode.Exact);
        var attack = Assert.Single(result.Attacks);
        Assert.Equal([0], attack.Operators);
        Assert.Equal(result.TotalStakeGwei, result.TotalLostGwei); // R_ψ = 1
        // Theorem 1 still holds: lost · γn < (γn + γd) · σ(D) ...
        Assert.True((Int128)result.TotalLostGwei * gn < (Int128)(gn + gd) * result.ShockStakeGwei);
        // ... and R/bound = lost · γn / ((γn + γd) · σ(D)) ≥ 0.9.
        Assert.True((Int128)result.TotalLostGwei * gn * 10 >= (Int128)(gn + gd) * result.ShockStakeGwei * 9);
    }

    [Theory]
    [InlineData(1000, 5)]
    [InlineData(32_000, 2)]
    [InlineData(100, 0.5)]
    public void Claim1_holds_yet_a_small_shock_loses_everything(long baseEth, double shockEth)
    {
        var example = Dr24Constructions.Claim1ButFragile(Gwei.FromEth(baseEth), Gwei.FromEth((decimal)shockEth));
        var net = example.Network;
        Assert.True(SecurityChecks.Claim1Holds(net));
        Assert.Null(ExactAttackSearch.Find(net)); // secure before the shock
        var result = Dr24Cascade.Run(net, example.ShockedOperators, AttackSearchMode.Exact);
        Assert.True(result.ShockStakeGwei * 100 < result.TotalStakeGwei); // ψ < 1 %
        Assert.Single(result.Attacks);
        Assert.Equal(result.TotalStakeGwei, result.TotalLostGwei); // R_ψ = 1
    }
}
