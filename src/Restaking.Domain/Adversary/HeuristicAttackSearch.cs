namespace Restaking.Domain.Adversary;

/// <summary>
/// A fast, deterministic search for a profitable attack on networks too large to enumerate (thousands of operators,
/// hundreds of services). It finds attacks that are always feasible and profitable (checked exactly), but not
/// necessarily the best one, and may miss attacks altogether; it never claims a network is secure.
/// <list type="number">
/// <item>Seeds, per service s with π_s &gt; 0: the threshold is T = ⌈α_s σ(N(s))⌉. With N(s) sorted by securing stake
/// descending (ties: lower operator index), for every k take the k largest operators and, when they fall short of T,
/// complete them with the smallest single remaining operator that reaches T; keep the cheapest such cover (a classic
/// greedy for min-cost cover when cost equals the covered amount, which holds for one service in both cost models).
/// Also keep the plain "largest first until T" cover.</item>
/// <item>Each seed B is evaluated as an attack: A = every service feasible for B (Isolated: and paying for itself,
/// π_s &gt; σ_s(B∩N(s))), then B is trimmed to operators adjacent to A, and A re-derived, until stable.
/// So one cover also claims every other service it happens to control (DR24's multi-service attacks).</item>
/// <item>The best <see cref="DefaultCandidatePool"/> seeds (by the order of <see cref="AttackRules.Compare"/>, profitable
/// or not) are combined: every pairwise union is evaluated, then a greedy pass adds each pool member to the running best
/// when that improves it.</item>
/// <item>The best evaluated attack with Gain &gt; 0 is returned, per component; components' results are united.</item>
/// </list>
/// Cost: O(E log E) for the seeds plus O(K² · Σ_{v∈B} deg v) for the unions.
/// </summary>
public static class HeuristicAttackSearch
{
    public const int DefaultCandidatePool = 32;

    public static Attack? Find(AttackNetwork net, int candidatePool = DefaultCandidatePool)
    {
        var evaluator = new Evaluator(net);
        var parts = new List<Attack>();
        foreach (var c in net.Components)
            if (FindInComponent(net, c, candidatePool, evaluator) is { } a) parts.Add(a);
        return AttackRules.Union(net, parts);
    }

    public static Attack? FindInComponent(AttackNetwork net, NetworkComponent component, int candidatePool = DefaultCandidatePool) =>
        FindInComponent(net, component, candidatePool, new Evaluator(net));

    private static Attack? FindInComponent(AttackNetwork net, NetworkComponent component, int candidatePool, Evaluator evaluator)
    {
        if (component.Services.Count == 0) return null;
        // A service nobody secures is feasible for B = ∅; enumeration of the single empty subset is exact and free.
        if (component.Operators.Count == 0) return ExactAttackSearch.FindInComponent(net, component);
        var seen = new HashSet<string>();
        var candidates = new List<Attack>();
        void Consider(IEnumerable<int> operators)
        {
            var attack = evaluator.Evaluate(operators);
            if (attack.Services.Count == 0) return;
            if (seen.Add(string.Join(",", attack.Operators))) candidates.Add(attack);
        }

        foreach (var s in component.Services)
        {
            if (net.Pi[s] == 0) continue;
            foreach (var cover in Covers(net, s)) Consider(cover);
        }
        candidates.Sort(AttackRules.Compare);
        var pool = candidates.Take(Math.Max(1, candidatePool)).ToList();
        for (var i = 0; i < pool.Count; i++)
            for (var j = i + 1; j < pool.Count; j++)
                Consider(pool[i].Operators.Concat(pool[j].Operators));
        if (pool.Count > 0)
        {
            var running = pool[0];
            foreach (var c in pool.Skip(1))
            {
                var joined = evaluator.Evaluate(running.Operators.Concat(c.Operators));
                if (joined.Services.Count > 0 && AttackRules.Compare(joined, running) < 0)
                {
                    running = joined;
                    Consider(joined.Operators);
                }
            }
        }
        Attack? best = null;
        foreach (var c in candidates)
            if (c.Gain > 0 && (best is null || AttackRules.Compare(c, best) < 0)) best = c;
        return best;
    }

    /// <summary>The two seed covers of service s described in the class summary (possibly identical).</summary>
    private static IEnumerable<int[]> Covers(AttackNetwork net, int s)
    {
        var edges = net.ByService[s].ToArray();
        Array.Sort(edges, (a, b) => a.SecuringStakeGwei != b.SecuringStakeGwei
            ? b.SecuringStakeGwei.CompareTo(a.SecuringStakeGwei) : a.Operator.CompareTo(b.Operator));
        var target = Units.Wad.MulDiv(net.SigmaN[s], net.Alpha[s], Units.Wad.One, Units.Rounding.Up);
        long prefix = 0;
        var greedyCount = -1;
        long bestCost = long.MaxValue;
        int bestK = -1, bestCompletion = -1;
        for (var k = 0; k <= edges.Length; k++)
        {
            if (prefix >= target)
            {
                if (greedyCount < 0) greedyCount = k;
                if (prefix < bestCost) { bestCost = prefix; bestK = k; bestCompletion = -1; }
                break;
            }
            // Smallest single edge among edges[k..] reaching the remaining need: the last index with stake ≥ need.
            var need = target - prefix;
            int lo = k, hi = edges.Length - 1, found = -1;
            while (lo <= hi)
            {
                var mid = (lo + hi) >> 1;
                if (edges[mid].SecuringStakeGwei >= need) { found = mid; lo = mid + 1; } else hi = mid - 1;
            }
            if (found >= 0 && prefix + edges[found].SecuringStakeGwei < bestCost)
            {
                bestCost = prefix + edges[found].SecuringStakeGwei;
                bestK = k;
                bestCompletion = found;
            }
            if (k < edges.Length) prefix += edges[k].SecuringStakeGwei;
        }
        if (bestK >= 0)
        {
            var cover = edges.Take(bestK).Select(e => e.Operator).ToList();
            if (bestCompletion >= 0) cover.Add(edges[bestCompletion].Operator);
            yield return [.. cover];
        }
        if (greedyCount >= 0) yield return edges.Take(greedyCount).Select(e => e.Operator).ToArray();
    }

    /// <summary>Turns an operator set into its canonical attack, with scratch arrays reused across calls.</summary>
    private sealed class Evaluator(AttackNetwork net)
    {
        private readonly long[] _sum = new long[net.ServiceCount];
        private readonly int[] _stamp = new int[net.ServiceCount];
        private readonly int[] _inA = new int[net.ServiceCount];
        private int _epoch;

        public Attack Evaluate(IEnumerable<int> operators)
        {
            var b = operators.Distinct().Order().ToArray();
            while (true)
            {
                var a = ServicesFor(b);
                _epoch++;
                foreach (var s in a) _inA[s] = _epoch;
                var trimmed = b.Where(v => net.ByOperator[v].Any(e => _inA[e.Service] == _epoch)).ToArray();
                if (trimmed.Length == b.Length) return AttackRules.Create(net, a, b);
                b = trimmed;
            }
        }

        private List<int> ServicesFor(int[] operators)
        {
            _epoch++;
            var touched = new List<int>();
            foreach (var v in operators)
                foreach (var e in net.ByOperator[v])
                {
                    if (_stamp[e.Service] != _epoch) { _stamp[e.Service] = _epoch; _sum[e.Service] = 0; touched.Add(e.Service); }
                    _sum[e.Service] += e.SecuringStakeGwei;
                }
            touched.Sort();
            var services = new List<int>();
            foreach (var s in touched)
            {
                if (!AttackRules.MeetsThreshold(net, s, _sum[s])) continue;
                if (net.CostMode == AttackCost.Isolated && net.Pi[s] <= _sum[s]) continue;
                services.Add(s);
            }
            return services;
        }
    }
}
