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
/// or not) are combined: every pairwise union is evaluated (best-ranked pairs first, within <see cref="PairWorkBudget"/>
/// edge visits, a deterministic count rather than a clock), then a greedy pass adds each pool member to the running best
/// when that improves it.</item>
/// <item>The best evaluated attack with Gain &gt; 0 is returned, per component; components' results are united.</item>
/// </list>
/// A service that redistributes to its corruptor counts with π'_s (<see cref="AttackNetwork.CorruptionValueGwei"/>) when it
/// is seeded and tested for paying for itself, and every evaluated attack's π(A) adds D(A) (<see cref="AttackRules.Profit"/>).
/// Cost: O(E log E) for the seeds plus O(min(K² · Σ_{v∈B} deg v, budget)) for the unions.
/// </summary>
public static class HeuristicAttackSearch
{
    public const int DefaultCandidatePool = 32;

    /// <summary>Edge visits allowed for the pairwise unions (per component): enough for all K² pairs on networks of a few
    /// thousand edges; on very large ones the pairs among the best-ranked seeds are tried first.</summary>
    public const long PairWorkBudget = 3_000_000;

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
        var seen = new Dictionary<ulong, List<Candidate>>();
        var candidates = new List<Candidate>();
        Candidate? Consider(int[] operators)
        {
            var c = evaluator.Evaluate(operators);
            if (c.Services.Length == 0) return null;
            var key = Hash(c.Operators);
            if (!seen.TryGetValue(key, out var bucket)) seen[key] = bucket = [];
            foreach (var other in bucket)
                if (other.Operators.AsSpan().SequenceEqual(c.Operators)) return c;
            bucket.Add(c);
            candidates.Add(c);
            return c;
        }

        foreach (var s in component.Services)
        {
            if (net.CorruptionValueGwei(s) == 0) continue;
            foreach (var cover in Covers(net, s)) Consider(cover);
        }
        candidates.Sort(Candidate.Compare);
        var pool = candidates.Take(Math.Max(1, candidatePool)).ToList();
        // Pairs among the top j+1 before any pair involving candidate j+1, within a deterministic work budget.
        var budgetEnd = evaluator.Work + PairWorkBudget;
        for (var j = 1; j < pool.Count && evaluator.Work < budgetEnd; j++)
            for (var i = 0; i < j && evaluator.Work < budgetEnd; i++)
                Consider(MergeSorted(pool[i].Operators, pool[j].Operators));
        if (pool.Count > 0)
        {
            var running = pool[0];
            foreach (var c in pool.Skip(1))
                if (Consider(MergeSorted(running.Operators, c.Operators)) is { } joined && Candidate.Compare(joined, running) < 0)
                    running = joined;
        }
        Candidate? best = null;
        foreach (var c in candidates)
            if (c.Profit - c.Cost > 0 && (best is null || Candidate.Compare(c, best) < 0)) best = c;
        return best is null ? null : new Attack(best.Services, best.Operators, best.Profit, best.Cost);
    }

    private static ulong Hash(int[] sorted)
    {
        var h = 0x243F6A8885A308D3UL;
        foreach (var v in sorted) h = Units.DeterministicRandom.Mix(h ^ (uint)v);
        return h;
    }

    private static int[] MergeSorted(int[] a, int[] b)
    {
        var result = new int[a.Length + b.Length];
        int i = 0, j = 0, n = 0;
        while (i < a.Length || j < b.Length)
        {
            int next;
            if (j >= b.Length || (i < a.Length && a[i] < b[j])) next = a[i++];
            else if (i >= a.Length || b[j] < a[i]) next = b[j++];
            else { next = a[i++]; j++; }
            result[n++] = next;
        }
        return result[..n];
    }

    /// <summary>An evaluated attack, ordered as <see cref="AttackRules.Compare"/>.</summary>
    private sealed record Candidate(int[] Services, int[] Operators, long Profit, long Cost)
    {
        public static int Compare(Candidate a, Candidate b)
        {
            var c = (b.Profit - b.Cost).CompareTo(a.Profit - a.Cost);
            if (c != 0) return c;
            c = a.Cost.CompareTo(b.Cost);
            if (c != 0) return c;
            c = AttackRules.Lexicographic(a.Operators, b.Operators);
            return c != 0 ? c : AttackRules.Lexicographic(a.Services, b.Services);
        }
    }

    /// <summary>The two seed covers of service s described in the class summary (possibly identical).</summary>
    private static IEnumerable<int[]> Covers(AttackNetwork net, int s)
    {
        var edges = net.ByService[s].ToArray();
        Array.Sort(edges, (a, b) => a.SecuringStakeGwei != b.SecuringStakeGwei
            ? b.SecuringStakeGwei.CompareTo(a.SecuringStakeGwei) : a.Operator.CompareTo(b.Operator));
        var target = AttackRules.RequiredStake(net, s);
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
            cover.Sort();
            yield return [.. cover];
        }
        if (greedyCount >= 0) yield return edges.Take(greedyCount).Select(e => e.Operator).Order().ToArray();
    }

    /// <summary>Turns an operator set into its canonical attack, with scratch arrays reused across calls.</summary>
    private sealed class Evaluator(AttackNetwork net)
    {
        private readonly long[] _sum = new long[net.ServiceCount];
        private readonly int[] _stamp = new int[net.ServiceCount];
        private readonly int[] _inA = new int[net.ServiceCount];
        private readonly List<int> _touched = [];
        private int _epoch;

        /// <summary>Edges visited so far: the deterministic measure of effort.</summary>
        public long Work { get; private set; }

        /// <param name="operators">Ascending, distinct.</param>
        public Candidate Evaluate(int[] operators)
        {
            var b = operators;
            while (true)
            {
                var a = ServicesFor(b);
                _epoch++;
                foreach (var s in a) _inA[s] = _epoch;
                var kept = 0;
                foreach (var v in b)
                    if (Touches(v)) kept++;
                if (kept == b.Length)
                {
                    long profit = AttackRules.Redistributable(net, a), cost = 0;
                    foreach (var s in a)
                    {
                        profit = checked(profit + net.Pi[s]);
                        if (net.CostMode == AttackCost.Isolated) cost = checked(cost + _sum[s]);
                    }
                    if (net.CostMode == AttackCost.Pooled)
                        foreach (var v in b) cost = checked(cost + net.Sigma[v]);
                    return new Candidate(a, b, profit, cost);
                }
                var trimmed = new int[kept];
                kept = 0;
                foreach (var v in b)
                    if (Touches(v)) trimmed[kept++] = v;
                b = trimmed;
            }
        }

        private bool Touches(int v)
        {
            foreach (var e in net.ByOperator[v])
                if (_inA[e.Service] == _epoch) return true;
            return false;
        }

        /// <summary>Services feasible for B (Isolated: and paying for themselves), ascending; leaves σ_s(B∩N(s)) in _sum.</summary>
        private int[] ServicesFor(int[] operators)
        {
            _epoch++;
            _touched.Clear();
            foreach (var v in operators)
                foreach (var e in net.ByOperator[v])
                {
                    Work++;
                    if (_stamp[e.Service] != _epoch) { _stamp[e.Service] = _epoch; _sum[e.Service] = 0; _touched.Add(e.Service); }
                    _sum[e.Service] += e.SecuringStakeGwei;
                }
            _touched.Sort();
            var services = new List<int>();
            foreach (var s in _touched)
            {
                if (!AttackRules.MeetsThreshold(net, s, _sum[s])) continue;
                if (net.CostMode == AttackCost.Isolated && net.CorruptionValueGwei(s) <= _sum[s]) continue;
                services.Add(s);
            }
            return [.. services];
        }
    }
}
