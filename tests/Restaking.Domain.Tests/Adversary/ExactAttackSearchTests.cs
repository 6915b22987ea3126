using Restaking.Domain.Adversary;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Adversary;

public class ExactAttackSearchTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(AttackCost.Pooled)]
    [InlineData(AttackCost.Isolated)]
    public void Agrees_with_brute_force_on_350_random_networks(AttackCost mode)
    {
        int withAttack = 0, withoutAttack = 0;
        for (var i = 0; i < 350; i++)
        {
            // π up to 1500 ETH against stakes up to 1000 ETH (pooled), or π up to 200 ETH against allocations of at most
            // σ_v/deg v (isolated): a mix of secure and attackable networks.
            var net = RandomNetworks.Create("exact-vs-brute", i, mode, maxOperators: 8, maxServices: 4,
                piMaxEth: mode == AttackCost.Pooled ? 1500 : 200);
            var expected = BruteForce.BestGain(net);
            var found = ExactAttackSearch.Find(net);
            Assert.Equal(expected, found?.Gain);
            if (found is null) { withoutAttack++; continue; }
            withAttack++;
            Assert.True(AttackRules.IsFeasible(net, found), $"network {i}: {found}");
            Assert.True(AttackRules.IsProfitable(net, found), $"network {i}: {found}");
            Assert.Equal(AttackRules.Create(net, found.Services, found.Operators), found);
        }
        output.WriteLine($"{mode}: {withAttack} attackable, {withoutAttack} secure");
        // Both outcomes must be exercised, or the agreement says little.
        Assert.True(withAttack >= 50, $"only {withAttack} networks had an attack");
        Assert.True(withoutAttack >= 50, $"only {withoutAttack} networks were secure");
    }

    [Fact]
    public void Hand_case_two_services_two_operators()
    {
        // Pooled. v0 (60 ETH) secures s0 and s1; v1 (100 ETH) secures s0. α = 1/2, π0 = π1 = 40 ETH.
        // σ(N(s0)) = 160, σ(N(s1)) = 60. B = {v0}: s0 needs 80 (60 < 80, no); s1 needs 30 (yes) → gain 40 − 60 < 0.
        // B = {v1}: s0 100 ≥ 80 → gain 40 − 100 < 0. B = {v0, v1}: both feasible → gain 80 − 160 < 0. Secure.
        // Raise π1 to 70 ETH: B = {v0}, A = {s1} → gain 10; nothing else is profitable. So the answer is ({s1}, {v0}).
        var b = new AttackNetworkBuilder(AttackCost.Pooled);
        var s0 = b.AddService(Gwei.FromEth(40), Wad.One / 2);
        var s1 = b.AddService(Gwei.FromEth(70), Wad.One / 2);
        var v0 = b.AddOperator(Gwei.FromEth(60));
        var v1 = b.AddOperator(Gwei.FromEth(100));
        b.AddEdge(v0, s0).AddEdge(v0, s1).AddEdge(v1, s0);
        var attack = ExactAttackSearch.Find(b.Build());
        Assert.NotNull(attack);
        Assert.Equal([s1], attack.Services);
        Assert.Equal([v0], attack.Operators);
        Assert.Equal(Gwei.FromEth(10), attack.Gain);
    }

    [Fact]
    public void Disjoint_components_are_attacked_together()
    {
        // Two copies of one service secured by one 10 ETH operator, α = 1/2, π = 15 ETH: each alone gains 5 ETH,
        // the union of both gains 10 ETH (feasibility is per service, costs add).
        var b = new AttackNetworkBuilder(AttackCost.Pooled);
        for (var i = 0; i < 2; i++)
        {
            var s = b.AddService(Gwei.FromEth(15), Wad.One / 2);
            b.AddEdge(b.AddOperator(Gwei.FromEth(10)), s);
        }
        var attack = ExactAttackSearch.Find(b.Build());
        Assert.NotNull(attack);
        Assert.Equal([0, 1], attack.Services);
        Assert.Equal([0, 1], attack.Operators);
        Assert.Equal(Gwei.FromEth(10), attack.Gain);
    }

    [Fact]
    public void Refuses_components_above_the_limit()
    {
        var b = new AttackNetworkBuilder(AttackCost.Pooled);
        var s = b.AddService(1, Wad.One / 2);
        for (var i = 0; i < 5; i++) b.AddEdge(b.AddOperator(1), s);
        var net = b.Build();
        Assert.Throws<InvalidOperationException>(() => ExactAttackSearch.Find(net, maxOperators: 4));
        Assert.Null(ExactAttackSearch.Find(net, maxOperators: 5));
    }
}
