using Restaking.Domain.Adversary;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Adversary;

/// <summary>
/// An attack on several services books each its own value (docs/models/adversary-dr24.md, "Attack events"): π_s plus the
/// part of D(A) its slasher redistributes (AttackRules.RedistributableByService), the parts adding up to D(A).
/// </summary>
public class AttackPartsTests
{
    private static long Eth(long eth) => Gwei.FromEth(eth);

    [Fact]
    public void Pooled_an_operator_shared_by_two_captured_services_pays_once_to_the_first()
    {
        // v0 (10 ETH) secures s0 and s1 with all of it; v1 (5 ETH) secures s1. Both services redistribute to their corruptor.
        // D({s0, s1}) = min(10, 10 + 10) + min(5, 5) = 15. In service order: s0 takes v0's 10; s1 finds v0 with nothing left
        // and takes v1's 5. Parts 10 and 5, together D.
        var b = new AttackNetworkBuilder(AttackCost.Pooled);
        int s0 = b.AddService(Eth(1), Wad.One / 2, true), s1 = b.AddService(Eth(2), Wad.One / 2, true);
        int v0 = b.AddOperator(Eth(10)), v1 = b.AddOperator(Eth(5));
        b.AddEdge(v0, s0).AddEdge(v0, s1).AddEdge(v1, s1);
        var net = b.Build();
        Assert.Equal(Eth(15), AttackRules.Redistributable(net, [s0, s1]));
        Assert.Equal([Eth(10), Eth(5)], AttackRules.RedistributableByService(net, [s0, s1]));
        // π({s0, s1}) = 1 + 2 + 15 = 18 = (1 + 10) + (2 + 5): the two attack events' amounts.
        Assert.Equal(Eth(18), AttackRules.Profit(net, [s0, s1]));
    }

    [Fact]
    public void Isolated_each_captured_service_takes_its_own_securing_stake_and_the_others_nothing()
    {
        // Unique stake: v0 (10 ETH) allocates 4 to s0 (captured) and 6 to s1 (not captured). Parts: 4 and 0; D = 4.
        var b = new AttackNetworkBuilder(AttackCost.Isolated);
        int s0 = b.AddService(Eth(3), Wad.One / 2, true), s1 = b.AddService(Eth(7), Wad.One / 2);
        int v0 = b.AddOperator(Eth(10));
        b.AddEdge(v0, s0, Eth(4)).AddEdge(v0, s1, Eth(6));
        var net = b.Build();
        Assert.Equal([Eth(4), 0], AttackRules.RedistributableByService(net, [s0, s1]));
        Assert.Equal(Eth(4), AttackRules.Redistributable(net, [s0, s1]));
        // Nothing captured: no parts at all.
        var plain = new AttackNetworkBuilder(AttackCost.Isolated);
        int p0 = plain.AddService(Eth(3), Wad.One / 2);
        plain.AddEdge(plain.AddOperator(Eth(10)), p0);
        Assert.Equal([0L], AttackRules.RedistributableByService(plain.Build(), [p0]));
    }
}
