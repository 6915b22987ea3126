using Restaking.Domain.Units;

namespace Restaking.Domain.Adversary;

/// <summary>Collects services, operators and edges, validates them, and freezes an <see cref="AttackNetwork"/>.</summary>
public sealed class AttackNetworkBuilder(AttackCost costMode)
{
    private readonly List<long> _pi = [];
    private readonly List<long> _alpha = [];
    private readonly List<bool> _captured = [];
    private readonly List<long> _sigma = [];
    private readonly List<NetworkEdge> _edges = [];

    public AttackCost CostMode { get; } = costMode;

    /// <summary>Adds a service with value at risk π ≥ 0 (gwei) and threshold 0 &lt; α ≤ 1 (WAD); returns its index.
    /// <paramref name="redistributesToCorruptor"/>: what it slashes is paid to an ELIP-006 recipient that whoever corrupts
    /// it captures, so its corruptors take the stake it can slash (<see cref="AttackRules.Redistributable"/>).</summary>
    public int AddService(long valueAtRiskGwei, long thresholdWad, bool redistributesToCorruptor = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(valueAtRiskGwei);
        if (thresholdWad <= 0 || thresholdWad > Wad.One)
            throw new ArgumentOutOfRangeException(nameof(thresholdWad), "α must be in (0, 1]");
        _pi.Add(valueAtRiskGwei);
        _alpha.Add(thresholdWad);
        _captured.Add(redistributesToCorruptor);
        return _pi.Count - 1;
    }

    /// <summary>Adds an operator with stake σ_v &gt; 0 (gwei); returns its index.</summary>
    public int AddOperator(long stakeGwei)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stakeGwei);
        _sigma.Add(stakeGwei);
        return _sigma.Count - 1;
    }

    /// <summary>Operator secures service with its whole stake (σ_{v,s} = σ_v): DR24's pooled form.</summary>
    public AttackNetworkBuilder AddEdge(int op, int service) => AddEdge(op, service, _sigma[op]);

    /// <summary>Operator secures service with σ_{v,s} gwei (0 &lt; σ_{v,s} ≤ σ_v). Under Pooled the cost stays σ_v whatever
    /// the edges: DR24's form has σ_{v,s} = σ_v; a Symbiotic full-restake operator whose networks have limits sees less
    /// on some edges (RationalAdversary.Stakes).</summary>
    public AttackNetworkBuilder AddEdge(int op, int service, long securingStakeGwei)
    {
        if ((uint)op >= (uint)_sigma.Count) throw new ArgumentOutOfRangeException(nameof(op));
        if ((uint)service >= (uint)_pi.Count) throw new ArgumentOutOfRangeException(nameof(service));
        if (securingStakeGwei <= 0 || securingStakeGwei > _sigma[op])
            throw new ArgumentOutOfRangeException(nameof(securingStakeGwei), "σ_{v,s} must be in (0, σ_v]");
        _edges.Add(new NetworkEdge(op, service, securingStakeGwei));
        return this;
    }

    public AttackNetwork Build()
    {
        var byService = new List<NetworkEdge>[_pi.Count];
        var byOperator = new List<NetworkEdge>[_sigma.Count];
        for (var s = 0; s < byService.Length; s++) byService[s] = [];
        for (var v = 0; v < byOperator.Length; v++) byOperator[v] = [];
        foreach (var e in _edges)
        {
            byService[e.Service].Add(e);
            byOperator[e.Operator].Add(e);
        }
        for (var v = 0; v < byOperator.Length; v++)
        {
            byOperator[v].Sort((a, b) => a.Service.CompareTo(b.Service));
            long allocated = 0;
            for (var i = 0; i < byOperator[v].Count; i++)
            {
                if (i > 0 && byOperator[v][i].Service == byOperator[v][i - 1].Service)
                    throw new InvalidOperationException($"duplicate edge: operator {v}, service {byOperator[v][i].Service}");
                allocated = checked(allocated + byOperator[v][i].SecuringStakeGwei);
            }
            // Unique stake: allocations cannot exceed the stake they come from.
            if (CostMode == AttackCost.Isolated && allocated > _sigma[v])
                throw new InvalidOperationException($"operator {v} allocates {allocated} gwei but has {_sigma[v]}");
        }
        foreach (var list in byService) list.Sort((a, b) => a.Operator.CompareTo(b.Operator));
        return new AttackNetwork(CostMode, [.. _pi], [.. _alpha], [.. _captured], [.. _sigma],
            byService.Select(l => l.ToArray()).ToArray(), byOperator.Select(l => l.ToArray()).ToArray());
    }
}
