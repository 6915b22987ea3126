using Restaking.Domain.Adversary;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Adversary;

/// <summary>Deterministic random small networks for property tests (seeded by test name and network index).</summary>
internal static class RandomNetworks
{
    /// <summary>A network with 2..maxOperators operators and 1..maxServices services; every service has at least one
    /// operator. Stakes 1..1000 ETH, π 1..piMaxEth ETH, α uniform in [1/3, 2/3), edges with probability 2/5.
    /// Isolated: σ_{v,s} is random in [1, σ_v / deg v] gwei so allocations never exceed the stake.</summary>
    public static AttackNetwork Create(string purpose, int index, AttackCost mode, int maxOperators, int maxServices, long piMaxEth = 2000)
    {
        var rng = new DeterministicRandom(DeterministicRandom.Purpose(purpose));
        ulong counter = 0;
        long Below(long n) => rng.NextBelow(n, 1, (ulong)index, counter++);

        var v = 2 + (int)Below(maxOperators - 1);
        var s = 1 + (int)Below(maxServices);
        var edges = new bool[v, s];
        for (var i = 0; i < v; i++)
            for (var j = 0; j < s; j++)
                edges[i, j] = Below(5) < 2;
        for (var j = 0; j < s; j++)
        {
            var any = false;
            for (var i = 0; i < v; i++) any |= edges[i, j];
            if (!any) edges[(int)Below(v), j] = true;
        }
        var builder = new AttackNetworkBuilder(mode);
        for (var j = 0; j < s; j++)
            builder.AddService(Gwei.FromEth(1 + Below(piMaxEth)), Wad.One / 3 + Below(Wad.One / 3));
        for (var i = 0; i < v; i++)
        {
            var stake = Gwei.FromEth(1 + Below(1000));
            builder.AddOperator(stake);
            var degree = 0;
            for (var j = 0; j < s; j++) if (edges[i, j]) degree++;
            for (var j = 0; j < s; j++)
            {
                if (!edges[i, j]) continue;
                if (mode == AttackCost.Pooled) builder.AddEdge(i, j);
                else builder.AddEdge(i, j, 1 + Below(stake / degree));
            }
        }
        return builder.Build();
    }

    /// <summary>The same graph with every π_s replaced by <paramref name="pi"/>(s) (and, when given, the services that
    /// redistribute to their corruptor chosen by <paramref name="captured"/>).</summary>
    public static AttackNetwork WithValues(AttackNetwork net, Func<int, long> pi, Func<int, bool>? captured = null)
    {
        var builder = new AttackNetworkBuilder(net.CostMode);
        for (var s = 0; s < net.ServiceCount; s++)
            builder.AddService(pi(s), net.ThresholdWad(s), captured?.Invoke(s) ?? net.RedistributesToCorruptor(s));
        for (var v = 0; v < net.OperatorCount; v++) builder.AddOperator(net.OperatorStakeGwei(v));
        for (var v = 0; v < net.OperatorCount; v++)
            foreach (var e in net.OperatorEdges(v)) builder.AddEdge(v, e.Service, e.SecuringStakeGwei);
        return builder.Build();
    }

    /// <summary>A random non-empty operator subset (each operator with probability 3/10).</summary>
    public static int[] Shock(string purpose, int index, int operatorCount)
    {
        var rng = new DeterministicRandom(DeterministicRandom.Purpose(purpose));
        var shocked = Enumerable.Range(0, operatorCount).Where(v => rng.NextBelow(10, 2, (ulong)index, (ulong)v) < 3).ToList();
        if (shocked.Count == 0) shocked.Add((int)rng.NextBelow(operatorCount, 3, (ulong)index));
        return [.. shocked];
    }
}
