using Restaking.Domain.Scenarios;

namespace Restaking.Domain.Adversary;

/// <summary>
/// The cascade of DR24 Section 3: a shock removes operators D (a ψ = σ(D)/σ(V) share of the stake); then attacks
/// happen one after another, each on the graph left by the previous ones, until no profitable attack remains.
/// Each round searches the remaining graph (σ(N(s)) recomputed without removed operators and attacked services), applies
/// the best attack found, and repeats. Pooled: attackers lose all their stake and leave the graph. Isolated (unique
/// stake): attackers lose only their allocations to the attacked services and keep securing the others.
/// Every round removes at least one service (a profitable attack has π(A) &gt; 0), so it ends within S rounds.
/// Theorem 1 of DR24: if the network is γ-slack, R_ψ &lt; (1 + 1/γ)·ψ.
/// A service that redistributes to its corruptor is drained by its attack: its honest operators lose the stake it can slash
/// too (<see cref="AttackRules.Redistributable"/>), which counts in the cascade's loss; the attackers lose their cost, as above.
/// </summary>
public static class Dr24Cascade
{
    public static CascadeResult Run(AttackNetwork net, IReadOnlyCollection<int> shockedOperators, AttackSearchMode mode,
        int exactMaxOperators = ExactAttackSearch.DefaultMaxOperators)
    {
        var removed = new bool[net.OperatorCount];
        var attacked = new bool[net.ServiceCount];
        var slashed = new long[net.OperatorCount];
        long shock = 0, lost = 0;
        foreach (var v in shockedOperators.Distinct())
        {
            removed[v] = true;
            shock = checked(shock + net.Sigma[v]);
        }
        var attacks = new List<Attack>();
        var methods = new List<string>();
        while (true)
        {
            var (sub, services, operators) = Remaining(net, removed, attacked, slashed);
            var result = AttackSearch.Find(sub, mode, exactMaxOperators);
            methods.Add(result.Method);
            if (result.Attack is not { } a) break;
            var mapped = new Attack(a.Services.Select(s => services[s]).ToArray(), a.Operators.Select(v => operators[v]).ToArray(), a.Profit, a.Cost);
            attacks.Add(mapped);
            lost = checked(lost + a.Cost);
            if (net.CostMode == AttackCost.Pooled)
                foreach (var v in mapped.Operators) removed[v] = true;
            else
                foreach (var v in mapped.Operators)
                    foreach (var e in net.ByOperator[v])
                        if (mapped.Services.Contains(e.Service)) slashed[v] += e.SecuringStakeGwei;
            // The honest operators of services drained by their corruptor lose what those services ask of them (at most
            // their stake left); the attackers' part is their cost, counted above.
            var attackers = mapped.Operators.ToHashSet();
            foreach (var (v, asked) in AttackRules.TakenByCorruptors(net, mapped.Services))
            {
                if (attackers.Contains(v) || removed[v]) continue;
                long taken = Math.Min(asked, net.Sigma[v] - slashed[v]);
                lost = checked(lost + taken);
                slashed[v] += taken;
                if (net.CostMode == AttackCost.Pooled && slashed[v] == net.Sigma[v]) removed[v] = true;
            }
            foreach (var s in mapped.Services) attacked[s] = true;
        }
        return new CascadeResult(shock, lost, attacks, net.TotalStakeGwei, methods);
    }

    /// <summary>The graph without removed operators and attacked services, plus maps from its indices to the original ones.</summary>
    private static (AttackNetwork Net, int[] Services, int[] Operators) Remaining(AttackNetwork net, bool[] removed, bool[] attacked, long[] slashed)
    {
        var builder = new AttackNetworkBuilder(net.CostMode);
        var services = new List<int>();
        var operators = new List<int>();
        var newService = new int[net.ServiceCount];
        for (var s = 0; s < net.ServiceCount; s++)
        {
            if (attacked[s]) continue;
            newService[s] = builder.AddService(net.Pi[s], net.Alpha[s], net.Captured[s]);
            services.Add(s);
        }
        for (var v = 0; v < net.OperatorCount; v++)
        {
            var stake = net.Sigma[v] - slashed[v];
            if (removed[v] || stake <= 0) continue;
            var nv = builder.AddOperator(stake);
            operators.Add(v);
            foreach (var e in net.ByOperator[v])
                if (!attacked[e.Service])
                {
                    if (net.CostMode == AttackCost.Pooled) builder.AddEdge(nv, newService[e.Service]);
                    else builder.AddEdge(nv, newService[e.Service], e.SecuringStakeGwei);
                }
        }
        return (builder.Build(), [.. services], [.. operators]);
    }
}
