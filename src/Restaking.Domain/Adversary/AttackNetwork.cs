namespace Restaking.Domain.Adversary;

/// <summary>
/// An immutable restaking graph G = (S, V, E, σ, π, α) in the sense of DR24 (Durvasula and Roughgarden,
/// "Robust Restaking Networks", arXiv 2407.21785, Section 2), generalised so that each edge carries the securing stake
/// σ_{v,s}. Services are 0..S-1 and operators 0..V-1 in the caller's canonical order; every list is ascending, so all
/// tie-breaks that follow from iteration order are deterministic (lowest index first). Build with
/// <see cref="AttackNetworkBuilder"/>.
/// </summary>
public sealed class AttackNetwork
{
    internal readonly long[] Pi;
    internal readonly long[] Alpha;
    /// <summary>Per service: its ELIP-006 redistribution recipient is captured by whoever corrupts it.</summary>
    internal readonly bool[] Captured;
    internal readonly long[] Sigma;
    internal readonly long[] SigmaN;
    internal readonly NetworkEdge[][] ByService;
    internal readonly NetworkEdge[][] ByOperator;
    private readonly NetworkComponent[] _components;

    internal AttackNetwork(AttackCost costMode, long[] pi, long[] alpha, bool[] captured, long[] sigma, NetworkEdge[][] byService, NetworkEdge[][] byOperator)
    {
        CostMode = costMode;
        Pi = pi;
        Alpha = alpha;
        Captured = captured;
        AnyCaptured = Array.IndexOf(captured, true) >= 0;
        Sigma = sigma;
        ByService = byService;
        ByOperator = byOperator;
        SigmaN = new long[pi.Length];
        for (var s = 0; s < pi.Length; s++)
        {
            long total = 0;
            foreach (var e in byService[s]) total = checked(total + e.SecuringStakeGwei);
            SigmaN[s] = total;
        }
        long stake = 0;
        foreach (var x in sigma) stake = checked(stake + x);
        TotalStakeGwei = stake;
        _components = ComputeComponents();
    }

    public AttackCost CostMode { get; }
    public int ServiceCount => Pi.Length;
    public int OperatorCount => Sigma.Length;
    /// <summary>σ(V): the stake of all operators.</summary>
    public long TotalStakeGwei { get; }

    /// <summary>π_s: profit from corrupting service s, in gwei.</summary>
    public long ValueAtRiskGwei(int service) => Pi[service];
    /// <summary>Whether whoever corrupts s also takes what s slashes: an ELIP-006 redistributing service whose recipient the
    /// corruptor captures (see <see cref="AttackRules.Redistributable"/>).</summary>
    public bool RedistributesToCorruptor(int service) => Captured[service];
    /// <summary>Some service redistributes to its corruptor: π(A) is then not additive (pooled), see <see cref="AttackRules.Profit"/>.</summary>
    public bool AnyCaptured { get; }
    /// <summary>π'_s = π_s, plus σ(N(s)) when s redistributes to its corruptor: what corrupting s alone yields (its value at
    /// risk and every stake it can slash). Additive over services under Isolated; under Pooled an upper bound of each
    /// service's part, since an operator shared by two such services pays once (<see cref="AttackRules.Redistributable"/>).</summary>
    public long CorruptionValueGwei(int service) => Captured[service] ? checked(Pi[service] + SigmaN[service]) : Pi[service];
    /// <summary>α_s as a WAD: the share of σ(N(s)) an attack on s must control.</summary>
    public long ThresholdWad(int service) => Alpha[service];
    /// <summary>σ_v: operator v's total stake, in gwei.</summary>
    public long OperatorStakeGwei(int op) => Sigma[op];
    /// <summary>σ(N(s)): the securing stake of all of s's operators (Σ σ_{v,s}).</summary>
    public long SecuringStakeGwei(int service) => SigmaN[service];
    /// <summary>N(s) with σ_{v,s}, ascending by operator.</summary>
    public IReadOnlyList<NetworkEdge> ServiceEdges(int service) => ByService[service];
    /// <summary>N(v) with σ_{v,s}, ascending by service.</summary>
    public IReadOnlyList<NetworkEdge> OperatorEdges(int op) => ByOperator[op];
    /// <summary>Connected components, ordered by their lowest service (components without services, i.e. lone operators,
    /// come last, by operator).</summary>
    public IReadOnlyList<NetworkComponent> Components => _components;

    /// <summary>σ_{v,s}, or 0 when v does not secure s.</summary>
    public long SecuringStakeGwei(int op, int service)
    {
        foreach (var e in ByOperator[op])
            if (e.Service == service) return e.SecuringStakeGwei;
        return 0;
    }

    private NetworkComponent[] ComputeComponents()
    {
        // Union-find over services (0..S-1) and operators (S..S+V-1).
        var n = Pi.Length + Sigma.Length;
        var parent = new int[n];
        for (var i = 0; i < n; i++) parent[i] = i;
        int Find(int x)
        {
            while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; }
            return x;
        }
        for (var v = 0; v < Sigma.Length; v++)
            foreach (var e in ByOperator[v])
            {
                int a = Find(e.Service), b = Find(Pi.Length + v);
                if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b);
            }
        var order = new List<int>();
        var services = new Dictionary<int, List<int>>();
        var operators = new Dictionary<int, List<int>>();
        for (var i = 0; i < n; i++)
        {
            var root = Find(i);
            if (!services.ContainsKey(root)) { order.Add(root); services[root] = []; operators[root] = []; }
            if (i < Pi.Length) services[root].Add(i); else operators[root].Add(i - Pi.Length);
        }
        return order.Select(r => new NetworkComponent(services[r].ToArray(), operators[r].ToArray())).ToArray();
    }
}
