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

    /// <summary>π(A): the value at risk of A, plus <see cref="Redistributable"/>(A) when some service of A redistributes
    /// to its corruptor.</summary>
    public static long Profit(AttackNetwork net, IEnumerable<int> services)
    {
        long total = 0;
        foreach (var s in services) total = checked(total + net.Pi[s]);
        return net.AnyCaptured ? checked(total + Redistributable(net, services)) : total;
    }

    /// <summary>
    /// D(A): what the corruptors of A take by slashing through the services of A whose ELIP-006 redistribution recipient
    /// they capture (A_R). Holding such a service's slasher and recipient, they slash every operator securing it — the
    /// honest ones and their own — and are paid the stake (ELIP-006, Impact Summary: "An attacker that gains access to AVS
    /// keys on the slasher and redistributionRecipient can drain the entirety of Operator and Staker allocated stake for a
    /// given Operator Set"). An operator pays at most its stake: D(A) = Σ_v min(σ_v, Σ_{s ∈ A_R ∩ N(v)} σ_{v,s}).
    /// The attackers' own part is the stake DR24 says they forfeit (cost(A, B)), paid back; the rest is taken from honest
    /// operators. D depends on A only, never on B, and grows with A, so π(A) + D(A) − cost(A, B) keeps DR24's structure
    /// (for a given B the best A is still every feasible service). Under Isolated, Σ_s σ_{v,s} ≤ σ_v, so D(A) is
    /// Σ_{s ∈ A_R} σ(N(s)): additive (<see cref="AttackNetwork.CorruptionValueGwei"/>).
    /// </summary>
    public static long Redistributable(AttackNetwork net, IEnumerable<int> services)
    {
        if (!net.AnyCaptured) return 0;
        var taken = TakenByCorruptors(net, services);
        long total = 0;
        foreach (var (v, amount) in taken) total = checked(total + Math.Min(net.Sigma[v], amount));
        return total;
    }

    /// <summary>
    /// <see cref="Redistributable"/>(A) split over the services of A, in the order given: each captured service is booked
    /// what it takes from each operator securing it, out of what that operator has left to pay (σ_v less what earlier services
    /// of A took). The parts add up to D(A) exactly (each operator pays min(σ_v, Σ σ_{v,s}), taken in service order); under
    /// Isolated each part is σ(N(s)). Lets an attack on several services book each its own value (docs/models/adversary-dr24.md).
    /// </summary>
    public static long[] RedistributableByService(AttackNetwork net, IReadOnlyList<int> services)
    {
        var parts = new long[services.Count];
        if (!net.AnyCaptured) return parts;
        var left = new Dictionary<int, long>();
        for (int i = 0; i < services.Count; i++)
        {
            int s = services[i];
            if (!net.Captured[s] || services.Take(i).Contains(s)) continue;
            foreach (var e in net.ByService[s])
            {
                long room = left.TryGetValue(e.Operator, out var r) ? r : net.Sigma[e.Operator];
                long take = Math.Min(room, e.SecuringStakeGwei);
                left[e.Operator] = room - take;
                parts[i] = checked(parts[i] + take);
            }
        }
        return parts;
    }

    /// <summary>Per operator, Σ_{s ∈ A_R ∩ N(v)} σ_{v,s} (before the cap at σ_v): what the captured services of A ask of it.</summary>
    internal static SortedDictionary<int, long> TakenByCorruptors(AttackNetwork net, IEnumerable<int> services)
    {
        var taken = new SortedDictionary<int, long>();
        foreach (var s in services.Distinct())
        {
            if (!net.Captured[s]) continue;
            foreach (var e in net.ByService[s]) taken[e.Operator] = checked(taken.GetValueOrDefault(e.Operator) + e.SecuringStakeGwei);
        }
        return taken;
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
    /// numbers are not trusted); π(A) counts what redistributes to the corruptor (<see cref="Profit"/>).</summary>
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
