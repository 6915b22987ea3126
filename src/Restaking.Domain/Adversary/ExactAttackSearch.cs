namespace Restaking.Domain.Adversary;

/// <summary>
/// The attack of maximal Gain = π(A) − cost(A, B) over all feasible and profitable attacks (DR24 Section 2), found by
/// exhaustive enumeration of operator subsets per connected component (attacks on different components never interact,
/// so the optimum is the union of each component's best profitable attack).
/// <para>Pooled: for each B the best A is every service feasible for B (π ≥ 0 and the cost σ(B) does not depend on A).
/// Isolated: cost(A, B) = Σ_{s∈A} σ(B ∩ N(s)) restricted to s, so for each B the best A is every feasible s with
/// π_s &gt; σ_s(B ∩ N(s)). Both are evaluated over all 2^n subsets B of the component's n operators. A service that
/// redistributes to its corruptor adds what it can slash to π (<see cref="AttackRules.Redistributable"/>): that depends on
/// A alone and grows with it, so both choices of A stay optimal (Isolated: with π'_s, <see cref="AttackNetwork.CorruptionValueGwei"/>).</para>
/// <para>Ties: smaller cost, then lexicographically smaller operator list (then services, which B determines).
/// The returned B is trimmed to operators adjacent to A (under Isolated an operator touching no attacked service costs nothing).</para>
/// </summary>
public static class ExactAttackSearch
{
    public const int DefaultMaxOperators = 20;

    /// <summary>The max-Gain attack on the whole network, or null. Throws when a component has more than
    /// <paramref name="maxOperators"/> operators.</summary>
    public static Attack? Find(AttackNetwork net, int maxOperators = DefaultMaxOperators)
    {
        var parts = new List<Attack>();
        foreach (var c in net.Components)
            if (FindInComponent(net, c, maxOperators) is { } a) parts.Add(a);
        return AttackRules.Union(net, parts);
    }

    /// <summary>The max-Gain attack within one component, or null.</summary>
    public static Attack? FindInComponent(AttackNetwork net, NetworkComponent component, int maxOperators = DefaultMaxOperators)
    {
        if (component.Services.Count == 0) return null;
        if (component.Operators.Count > maxOperators || component.Operators.Count > 30)
            throw new InvalidOperationException(
                $"component with {component.Operators.Count} operators exceeds the exact-search limit of {Math.Min(maxOperators, 30)}");
        var e = new SubsetEnumerator(net, component.Services, component.Operators);
        var pooled = net.CostMode == AttackCost.Pooled;
        var found = false;
        long bestGain = 0, bestCost = 0;
        ulong bestMask = 0;
        e.ForEachSubset(() =>
        {
            var gain = pooled ? e.FeasibleProfit - e.StakeOfB : e.IsolatedGain;
            if (gain <= 0) return;
            var cost = pooled ? e.StakeOfB : e.IsolatedCost;
            if (found && (gain < bestGain || (gain == bestGain && (cost > bestCost || (cost == bestCost && !SubsetEnumerator.LexLess(e.Mask, bestMask))))))
                return;
            found = true;
            bestGain = gain;
            bestCost = cost;
            bestMask = e.Mask;
        });
        return found ? Materialise(net, component.Services, e.OperatorsOf(bestMask)) : null;
    }

    /// <summary>The canonical attack for B: A as above, then B trimmed to N(A).</summary>
    internal static Attack Materialise(AttackNetwork net, IEnumerable<int> scope, IReadOnlyCollection<int> operators)
    {
        var inB = new HashSet<int>(operators);
        var services = new List<int>();
        foreach (var s in scope)
        {
            long controlled = 0;
            foreach (var edge in net.ByService[s])
                if (inB.Contains(edge.Operator)) controlled += edge.SecuringStakeGwei;
            if (!AttackRules.MeetsThreshold(net, s, controlled)) continue;
            if (net.CostMode == AttackCost.Isolated && net.CorruptionValueGwei(s) <= controlled) continue;
            services.Add(s);
        }
        var inA = new HashSet<int>(services);
        var trimmed = operators.Where(v => net.ByOperator[v].Any(edge => inA.Contains(edge.Service)));
        return AttackRules.Create(net, services, trimmed);
    }
}
