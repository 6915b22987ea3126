using System.Diagnostics;
using Restaking.Domain.Adversary;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Adversary;

public class HeuristicAttackSearchTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(AttackCost.Pooled)]
    [InlineData(AttackCost.Isolated)]
    public void Heuristic_attacks_are_valid_and_never_beat_exact_on_600_networks(AttackCost mode)
    {
        int exactFound = 0, heuristicFound = 0, optimal = 0;
        for (var i = 0; i < 600; i++)
        {
            var net = RandomNetworks.Create("heuristic-vs-exact", i, mode, maxOperators: 10, maxServices: 5,
                piMaxEth: mode == AttackCost.Pooled ? 1500 : 200);
            var exact = ExactAttackSearch.Find(net);
            var heuristic = HeuristicAttackSearch.Find(net);
            if (exact is not null) exactFound++;
            if (heuristic is null) continue;
            heuristicFound++;
            Assert.True(AttackRules.IsFeasible(net, heuristic), $"network {i}: {heuristic}");
            Assert.True(AttackRules.IsProfitable(net, heuristic), $"network {i}: {heuristic}");
            Assert.Equal(AttackRules.Create(net, heuristic.Services, heuristic.Operators), heuristic);
            Assert.NotNull(exact);
            Assert.True(heuristic.Gain <= exact.Gain, $"network {i}: heuristic {heuristic} beats exact {exact}");
            if (heuristic.Gain == exact.Gain) optimal++;
        }
        output.WriteLine($"{mode}: exact found {exactFound}, heuristic found {heuristicFound}, heuristic optimal {optimal}");
        Assert.True(heuristicFound > 0);
    }

    [Theory]
    [InlineData(AttackCost.Pooled)]
    [InlineData(AttackCost.Isolated)]
    public void Runs_on_5000_operators_500_services(AttackCost mode)
    {
        var net = Large(mode);
        var clock = Stopwatch.StartNew();
        var attack = HeuristicAttackSearch.Find(net);
        var first = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var again = AttackSearch.Find(net, AttackSearchMode.Auto, exactMaxOperators: 16);
        var second = clock.Elapsed.TotalMilliseconds;
        var warm = double.MaxValue;
        for (var i = 0; i < 10; i++)
        {
            clock.Restart();
            HeuristicAttackSearch.Find(net);
            warm = Math.Min(warm, clock.Elapsed.TotalMilliseconds);
        }
        var edges = Enumerable.Range(0, net.OperatorCount).Sum(v => net.OperatorEdges(v).Count);
        output.WriteLine($"{mode}: {edges} edges, {net.Components.Count} components; heuristic {first:F1} ms (cold), auto {second:F1} ms, best of 10 more {warm:F1} ms; {attack}");
        Assert.Equal("heuristic", again.Method);
        Assert.Equal(attack, again.Attack);
        if (attack is not null)
        {
            Assert.True(AttackRules.IsFeasible(net, attack));
            Assert.True(AttackRules.IsProfitable(net, attack));
        }
    }

    /// <summary>5,000 operators (1..10,000 ETH) each securing 10 distinct services drawn with a square-root skew
    /// towards low indices; 500 services with α in [1/3, 2/3) and π up to 300,000 ETH. Isolated operators allocate
    /// 80 % of their stake evenly.</summary>
    private static AttackNetwork Large(AttackCost mode)
    {
        var rng = new DeterministicRandom(DeterministicRandom.Purpose("heuristic-scale"));
        var b = new AttackNetworkBuilder(mode);
        for (var s = 0; s < 500; s++)
            b.AddService(Gwei.FromEth(1 + rng.NextBelow(300_000, 1, (ulong)s)), Wad.One / 3 + rng.NextBelow(Wad.One / 3, 2, (ulong)s));
        for (var v = 0; v < 5000; v++)
        {
            var stake = Gwei.FromEth(1 + rng.NextBelow(10_000, 3, (ulong)v));
            b.AddOperator(stake);
            var chosen = new SortedSet<int>();
            for (ulong k = 0; chosen.Count < 10; k++)
            {
                var u = rng.NextUnit(4, (ulong)v, k);
                chosen.Add((int)(500 * u * u));
            }
            foreach (var s in chosen)
                if (mode == AttackCost.Pooled) b.AddEdge(v, s);
                else b.AddEdge(v, s, stake * 8 / 10 / 10);
        }
        return b.Build();
    }
}
