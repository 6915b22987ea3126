using Restaking.Domain.Adversary;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Adversary;

public class SecurityChecksTests
{
    private static AttackNetwork OneService(long piEth, long alphaWad, params long[] stakesEth)
    {
        var b = new AttackNetworkBuilder(AttackCost.Pooled);
        var s = b.AddService(Gwei.FromEth(piEth), alphaWad);
        foreach (var stake in stakesEth) b.AddEdge(b.AddOperator(Gwei.FromEth(stake)), s);
        return b.Build();
    }

    [Fact]
    public void Claim1_is_exact_at_the_boundary()
    {
        // One operator of 100 ETH, α = 1/2: Claim 1 reads (100/100) · π/α ≤ 100, i.e. π ≤ 50 ETH.
        Assert.True(SecurityChecks.Claim1Holds(OneService(50, Wad.One / 2, 100)));
        Assert.False(SecurityChecks.Claim1Holds(OneService(51, Wad.One / 2, 100)));
        var justOver = new AttackNetworkBuilder(AttackCost.Pooled);
        var s = justOver.AddService(Gwei.FromEth(50) + 1, Wad.One / 2);
        justOver.AddEdge(justOver.AddOperator(Gwei.FromEth(100)), s);
        Assert.False(SecurityChecks.Claim1Holds(justOver.Build()));
    }

    [Fact]
    public void Min_cost_ratio_of_a_hand_case()
    {
        // Operators 30, 30, 40 ETH, α = 1/2 (threshold 50 ETH), π = 20 ETH. Cheapest feasible B: {30, 30} or {30, 40}
        // → 60 ETH; ratio 60/20 = 3. So 2-slack holds, 2.01-slack does not.
        var net = OneService(20, Wad.One / 2, 30, 30, 40);
        var rho = SecurityChecks.MinFeasibleCostRatio(net);
        Assert.NotNull(rho);
        Assert.True(rho.Value.IsAtLeast(3, 1));
        Assert.False(rho.Value.IsAtLeast(301, 100));
        Assert.True(SecurityChecks.IsGammaSlack(net, 2, 1));
        Assert.False(SecurityChecks.IsGammaSlack(net, 201, 100));
    }

    [Fact]
    public void Min_cost_ratio_agrees_with_brute_force_on_random_networks()
    {
        foreach (var mode in new[] { AttackCost.Pooled, AttackCost.Isolated })
            for (var i = 0; i < 200; i++)
            {
                var net = RandomNetworks.Create("ratio-vs-brute", i, mode, maxOperators: 8, maxServices: 4);
                CostRatio? expected = null;
                for (var a = 1; a < 1 << net.ServiceCount; a++)
                    for (var b = 0; b < 1 << net.OperatorCount; b++)
                    {
                        if (!BruteForce.Feasible(net, a, b)) continue;
                        var r = new CostRatio(BruteForce.Cost(net, a, b), BruteForce.Profit(net, a));
                        if (expected is not { } e || r.IsLessThan(e)) expected = r;
                    }
                var actual = SecurityChecks.MinFeasibleCostRatio(net);
                Assert.NotNull(expected);
                Assert.NotNull(actual);
                // Equal as rationals.
                Assert.Equal((Int128)expected.Value.Cost * actual.Value.Profit, (Int128)actual.Value.Cost * expected.Value.Profit);
            }
    }
}
