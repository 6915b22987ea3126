using Restaking.Domain.Adversary;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Adversary;

public class IsolatedModeTests
{
    /// <summary>v0 (100 ETH) allocates 40 to s0 and 60 to s1; v1 (100 ETH) allocates 10 to s0. α = 1/2 everywhere,
    /// π(s0) = 50 ETH, π(s1) = 10 ETH. σ(N(s0)) = 50 (needs 25), σ(N(s1)) = 60 (needs 30).</summary>
    private static AttackNetwork HandCase(AttackCost mode)
    {
        var b = new AttackNetworkBuilder(mode);
        var s0 = b.AddService(Gwei.FromEth(50), Wad.One / 2);
        var s1 = b.AddService(Gwei.FromEth(10), Wad.One / 2);
        var v0 = b.AddOperator(Gwei.FromEth(100));
        var v1 = b.AddOperator(Gwei.FromEth(100));
        if (mode == AttackCost.Isolated)
            b.AddEdge(v0, s0, Gwei.FromEth(40)).AddEdge(v0, s1, Gwei.FromEth(60)).AddEdge(v1, s0, Gwei.FromEth(10));
        else
            b.AddEdge(v0, s0).AddEdge(v0, s1).AddEdge(v1, s0);
        return b.Build();
    }

    [Fact]
    public void Attacking_one_service_costs_only_its_allocation_and_leaves_the_other_intact()
    {
        // Isolated: ({s0}, {v0}) costs 40 (not v0's 100, nor 40 + 60), gains 10. v0 also controls s1, but attacking s1
        // too would cost its 60 for 10 of profit, so s1 stays out. After the attack v0 keeps 60 ETH still backing s1,
        // and ({s1}, {v0}) still costs 60 > 10: the cascade stops with 40 ETH lost.
        var net = HandCase(AttackCost.Isolated);
        var attack = ExactAttackSearch.Find(net);
        Assert.NotNull(attack);
        Assert.Equal([0], attack.Services);
        Assert.Equal([0], attack.Operators);
        Assert.Equal(Gwei.FromEth(40), attack.Cost);
        Assert.Equal(Gwei.FromEth(10), attack.Gain);

        var result = Dr24Cascade.Run(net, [], AttackSearchMode.Exact);
        Assert.Single(result.Attacks);
        Assert.Equal(Gwei.FromEth(40), result.CascadeStakeLostGwei);
    }

    [Fact]
    public void The_same_graph_pooled_is_secure()
    {
        // Pooled: σ(N(s0)) = 200, σ(N(s1)) = 100. Any feasible B contains a 100 ETH operator; π(S) = 60 < 100.
        Assert.Null(ExactAttackSearch.Find(HandCase(AttackCost.Pooled)));
    }

    [Fact]
    public void Attacks_on_services_sharing_an_operator_add_up()
    {
        // v0 (100 ETH) allocates 40 to s0 and 30 to s1; v1 gives s0 10, v2 gives s1 30. α = 1/2.
        // s0: π = 50, needs 25 → {v0} costs 40, gain 10. s1: π = 40, needs 30 → {v0} costs 30, gain 10.
        // Together: A = {s0, s1}, B = {v0}, cost 70 (each service charges only its allocation), gain 20.
        var b = new AttackNetworkBuilder(AttackCost.Isolated);
        var s0 = b.AddService(Gwei.FromEth(50), Wad.One / 2);
        var s1 = b.AddService(Gwei.FromEth(40), Wad.One / 2);
        var v0 = b.AddOperator(Gwei.FromEth(100));
        var v1 = b.AddOperator(Gwei.FromEth(100));
        var v2 = b.AddOperator(Gwei.FromEth(100));
        b.AddEdge(v0, s0, Gwei.FromEth(40)).AddEdge(v0, s1, Gwei.FromEth(30)).AddEdge(v1, s0, Gwei.FromEth(10)).AddEdge(v2, s1, Gwei.FromEth(30));
        var attack = ExactAttackSearch.Find(b.Build());
        Assert.NotNull(attack);
        Assert.Equal([s0, s1], attack.Services);
        Assert.Equal([v0], attack.Operators);
        Assert.Equal(Gwei.FromEth(70), attack.Cost);
        Assert.Equal(Gwei.FromEth(20), attack.Gain);
    }

    [Fact]
    public void Allocations_cannot_exceed_stake()
    {
        var b = new AttackNetworkBuilder(AttackCost.Isolated);
        var s0 = b.AddService(1, Wad.One / 2);
        var s1 = b.AddService(1, Wad.One / 2);
        var v = b.AddOperator(100);
        b.AddEdge(v, s0, 60).AddEdge(v, s1, 41);
        Assert.Throws<InvalidOperationException>(() => b.Build());
    }
}
