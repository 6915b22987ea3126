namespace Restaking.Domain.Adversary;

/// <summary>Feasibility, profitability and cost of attacks (DR24 Section 2, generalised to securing stake σ_{v,s}).
/// All comparisons are exact integer arithmetic.</summary>
public static class AttackRules
{
    /// <summary>An attack on (A, B) with π(A) and the cost under the network's mode; sorts and de-duplicates indices.</summary>
    public static Attack Create(AttackNetwork net, IEnumerable<int> services, IEnumerable<int> operators)
    {
        var a = services.Distinct().Order().ToArray();
        var b = operators.Distinct().Order().ToArray();
        return new Attack(a, b, Profit(net, a), Cost(net, a, b));
    }

    /// <summary>π(A).</summary>
    public static long Profit(AttackNetwork net, IEnumerable<int> services)
    {
        long total = 0;
        foreach (var s in services) total = checked(total + net.Pi[s]);
        return total;
    }

    /// <summary>Pooled: σ(B). Isolated: Σ_{v∈B} Σ_{s∈A∩N(v)} σ_{v,s}.</summary>
    public static long Cost(AttackNetwork net, IReadOnlyCollection<int> services, IEnumerable<int> operators)
    {
        long total = 0;
        if (net.CostMode == AttackCost.Pooled)
        {
            foreach (var v in operators) total = checked(total + net.Sigma[v]);
            return total;
        }
        var inA = new HashSet<int>(services);
        foreach (var v in operators)
            foreach (var e in net.ByOperator[v])
                if (inA.Contains(e.Service)) total = checked(total + e.SecuringStakeGwei);
        return total;
    }

    /// <summary>
    /// The least securing stake that meets service s's threshold: ceil(α_s · σ(N(s)) / 1e18). For whole gwei,
    /// controlled ≥ this ⇔ <see cref="MeetsThreshold"/> (controlled · 1e18 ≥ α_s · σ(N(s))).
    /// </summary>
    public static long RequiredStake(AttackNetwork net, int service) =>
        Units.Wad.MulDiv(net.SigmaN[service], net.Alpha[service], Units.Wad.One, Units.Rounding.Up);

    /// <summary>σ(B ∩ N(s)) · 1 ≥ α_s · σ(N(s)), compared exactly as σ(B∩N(s))·1e18 ≥ α_s·σ(N(s)) in Int128.</summary>
    public static bool MeetsThreshold(AttackNetwork net, int service, long controlledGwei) =>
        (Int128)controlledGwei * Units.Wad.One >= (Int128)net.Alpha[service] * net.SigmaN[service];

    /// <summary>Feasible (DR24 Section 2): every attacked service s has σ(B ∩ N(s)) ≥ α_s σ(N(s)).</summary>
    public static bool IsFeasible(AttackNetwork net, IEnumerable<int> services, IEnumerable<int> operators)
    {
        var inB = new HashSet<int>(operators);
        foreach (var s in services)
        {
            long controlled = 0;
            foreach (var e in net.ByService[s])
                if (inB.Contains(e.Operator)) controlled = checked(controlled + e.SecuringStakeGwei);
            if (!MeetsThreshold(net, s, controlled)) return false;
        }
        return true;
    }

    public static bool IsFeasible(AttackNetwork net, Attack attack) => IsFeasible(net, attack.Services, attack.Operators);

    /// <summary>Profitable (DR24 Section 2): π(A) &gt; cost(A, B), both recomputed from the network (the record's own
    /// numbers are not trusted).</summary>
    public static bool IsProfitable(AttackNetwork net, Attack attack) =>
        Profit(net, attack.Services) > Cost(net, attack.Services, attack.Operators);

    /// <summary>The search order: larger gain, then smaller cost, then lexicographically smaller operator list, then
    /// service list. Negative when <paramref name="a"/> is preferred.</summary>
    public static int Compare(Attack a, Attack b)
    {
        var c = b.Gain.CompareTo(a.Gain);
        if (c != 0) return c;
        c = a.Cost.CompareTo(b.Cost);
        if (c != 0) return c;
        c = Lexicographic(a.Operators, b.Operators);
        return c != 0 ? c : Lexicographic(a.Services, b.Services);
    }

    internal static int Lexicographic(IReadOnlyList<int> x, IReadOnlyList<int> y)
    {
        var n = Math.Min(x.Count, y.Count);
        for (var i = 0; i < n; i++)
            if (x[i] != y[i]) return x[i].CompareTo(y[i]);
        return x.Count.CompareTo(y.Count);
    }

    /// <summary>Joins attacks on disjoint parts of the graph (different components): gain and cost add up.</summary>
    internal static Attack? Union(AttackNetwork net, IEnumerable<Attack> parts)
    {
        var list = parts.ToList();
        if (list.Count == 0) return null;
        if (list.Count == 1) return list[0];
        return Create(net, list.SelectMany(p => p.Services), list.SelectMany(p => p.Operators));
    }
}
