using System.Numerics;

namespace Restaking.Domain.Adversary;

/// <summary>
/// Walks every operator subset B of one component in Gray-code order (one operator flips per step), keeping for each
/// service σ(B ∩ N(s)) and its feasibility up to date in O(deg v) per step: the incremental form of the subset-sum DP.
/// Tracks both cost models at once: π of feasible services and σ(B) (pooled), and Σ max(0, π_s − σ_s(B∩N(s))) over
/// feasible s with the matching cost (isolated, where a service is only worth attacking when it pays for itself).
/// Services that redistribute to their corruptor add D(A) (<see cref="AttackRules.Redistributable"/>), kept up to date
/// per operator as they turn feasible or not: O(deg s) more per flip of such a service, nothing for the others.
/// </summary>
internal sealed class SubsetEnumerator
{
    private readonly AttackNetwork _net;
    private readonly int[] _services;
    private readonly int[] _operators;
    private readonly (int LocalService, long Stake)[][] _edges;
    private readonly long[] _sum;
    private readonly bool[] _feasible;
    /// <summary>Per service redistributing to its corruptor (null for the others): its edges as (local operator, σ_{v,s}).</summary>
    private readonly (int LocalOperator, long Stake)[]?[] _capturedEdges;
    /// <summary>Per local operator: Σ σ_{v,s} over feasible services that redistribute to their corruptor.</summary>
    private readonly long[] _asked;
    private long _feasiblePi;

    public SubsetEnumerator(AttackNetwork net, IReadOnlyList<int> services, IReadOnlyList<int> operators)
    {
        _net = net;
        _services = [.. services];
        _operators = [.. operators];
        if (_operators.Length > 62) throw new InvalidOperationException("too many operators to enumerate");
        var local = new Dictionary<int, int>();
        for (var i = 0; i < _services.Length; i++) local[_services[i]] = i;
        _edges = _operators.Select(v => net.ByOperator[v]
            .Where(e => local.ContainsKey(e.Service))
            .Select(e => (local[e.Service], e.SecuringStakeGwei)).ToArray()).ToArray();
        _sum = new long[_services.Length];
        _feasible = new bool[_services.Length];
        _asked = new long[_operators.Length];
        var localOperator = new Dictionary<int, int>();
        for (var j = 0; j < _operators.Length; j++) localOperator[_operators[j]] = j;
        _capturedEdges = _services.Select(g => net.Captured[g]
            ? net.ByService[g].Select(e => (localOperator[e.Operator], e.SecuringStakeGwei)).ToArray()
            : null).ToArray();
        for (var i = 0; i < _services.Length; i++)
        {
            _feasible[i] = AttackRules.MeetsThreshold(net, _services[i], 0);
            AddContribution(i, +1);
        }
    }

    public int OperatorCount => _operators.Length;
    public ulong Mask { get; private set; }
    /// <summary>σ(B).</summary>
    public long StakeOfB { get; private set; }
    /// <summary>π(A) for A = every service feasible for B: their π plus D(A) (<see cref="AttackRules.Profit"/>).</summary>
    public long FeasibleProfit => _feasiblePi + Redistributable;
    /// <summary>D(A) for A = every service feasible for B.</summary>
    public long Redistributable { get; private set; }
    /// <summary>Isolated gain: Σ (π'_s − σ_s(B∩N(s))) over feasible s with π'_s &gt; σ_s(B∩N(s)) (π'_s:
    /// <see cref="AttackNetwork.CorruptionValueGwei"/>, as D is additive under Isolated).</summary>
    public long IsolatedGain { get; private set; }
    /// <summary>Isolated cost of those services: Σ σ_s(B∩N(s)).</summary>
    public long IsolatedCost { get; private set; }

    public void Flip(int local)
    {
        var bit = 1UL << local;
        var adding = (Mask & bit) == 0;
        Mask ^= bit;
        var v = _operators[local];
        StakeOfB += adding ? _net.Sigma[v] : -_net.Sigma[v];
        foreach (var (s, stake) in _edges[local])
        {
            AddContribution(s, -1);
            _sum[s] += adding ? stake : -stake;
            _feasible[s] = AttackRules.MeetsThreshold(_net, _services[s], _sum[s]);
            AddContribution(s, +1);
        }
    }

    /// <summary>Runs <paramref name="visit"/> on all 2^n subsets (the empty one first), in Gray-code order.</summary>
    public void ForEachSubset(Action visit)
    {
        visit();
        var n = _operators.Length;
        for (ulong i = 1; i < 1UL << n; i++)
        {
            Flip(BitOperations.TrailingZeroCount(i));
            visit();
        }
    }

    /// <summary>Global indices of the operators in <paramref name="mask"/>, ascending.</summary>
    public int[] OperatorsOf(ulong mask)
    {
        var list = new List<int>();
        for (var j = 0; j < _operators.Length; j++)
            if ((mask & (1UL << j)) != 0) list.Add(_operators[j]);
        return [.. list];
    }

    /// <summary>True when the ascending index list of <paramref name="a"/> is lexicographically smaller than
    /// <paramref name="b"/>'s (local order equals global order because component lists are ascending).</summary>
    public static bool LexLess(ulong a, ulong b)
    {
        var x = a ^ b;
        if (x == 0) return false;
        var i = BitOperations.TrailingZeroCount(x);
        var rest = i == 63 ? 0 : ~0UL << (i + 1);
        // Below bit i both agree; the set holding i is smaller unless the other one ends there (is a prefix).
        return (a & (1UL << i)) != 0 ? (b & rest) != 0 : (a & rest) == 0;
    }

    private void AddContribution(int s, int sign)
    {
        if (!_feasible[s]) return;
        _feasiblePi += sign * _net.Pi[_services[s]];
        if (_capturedEdges[s] is { } edges)
            foreach (var (v, stake) in edges)
            {
                var sigma = _net.Sigma[_operators[v]];
                Redistributable -= Math.Min(sigma, _asked[v]);
                _asked[v] += sign * stake;
                Redistributable += Math.Min(sigma, _asked[v]);
            }
        var pi = _net.CorruptionValueGwei(_services[s]);
        if (pi > _sum[s])
        {
            IsolatedGain += sign * (pi - _sum[s]);
            IsolatedCost += sign * _sum[s];
        }
    }
}
