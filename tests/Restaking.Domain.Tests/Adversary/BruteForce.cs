using Restaking.Domain.Adversary;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Adversary;

/// <summary>Test-only oracle: enumerates ALL pairs (A, B), A ⊆ S non-empty, B ⊆ V, straight from the definitions
/// (no components, no incremental sums, no shared code with the searches beyond reading the network).</summary>
internal static class BruteForce
{
    /// <summary>The largest π(A) − cost(A, B) over feasible, profitable attacks; null when none exists.</summary>
    public static long? BestGain(AttackNetwork net)
    {
        long? best = null;
        for (var a = 1; a < 1 << net.ServiceCount; a++)
            for (var b = 0; b < 1 << net.OperatorCount; b++)
            {
                if (!Feasible(net, a, b)) continue;
                var gain = Profit(net, a) - Cost(net, a, b);
                if (gain > 0 && (best is null || gain > best)) best = gain;
            }
        return best;
    }

    public static bool Feasible(AttackNetwork net, int a, int b)
    {
        for (var s = 0; s < net.ServiceCount; s++)
        {
            if ((a & (1 << s)) == 0) continue;
            long all = 0, controlled = 0;
            foreach (var e in net.ServiceEdges(s))
            {
                all += e.SecuringStakeGwei;
                if ((b & (1 << e.Operator)) != 0) controlled += e.SecuringStakeGwei;
            }
            if ((Int128)controlled * Wad.One < (Int128)net.ThresholdWad(s) * all) return false;
        }
        return true;
    }

    /// <summary>π(A): Σ π_s, plus what the services of A that redistribute to their corruptor can slash, each operator
    /// paying at most its stake: Σ_v min(σ_v, Σ_{s ∈ A, redistributing to the corruptor, v ∈ N(s)} σ_{v,s}).</summary>
    public static long Profit(AttackNetwork net, int a)
    {
        long total = 0;
        for (var s = 0; s < net.ServiceCount; s++)
            if ((a & (1 << s)) != 0) total += net.ValueAtRiskGwei(s);
        for (var v = 0; v < net.OperatorCount; v++)
        {
            long asked = 0;
            foreach (var e in net.OperatorEdges(v))
                if ((a & (1 << e.Service)) != 0 && net.RedistributesToCorruptor(e.Service)) asked += e.SecuringStakeGwei;
            total += Math.Min(net.OperatorStakeGwei(v), asked);
        }
        return total;
    }

    /// <summary>Pooled: Σ_{v∈B} σ_v. Isolated: Σ_{v∈B} Σ_{s∈A∩N(v)} σ_{v,s}.</summary>
    public static long Cost(AttackNetwork net, int a, int b)
    {
        long total = 0;
        for (var v = 0; v < net.OperatorCount; v++)
        {
            if ((b & (1 << v)) == 0) continue;
            if (net.CostMode == AttackCost.Pooled) { total += net.OperatorStakeGwei(v); continue; }
            foreach (var e in net.OperatorEdges(v))
                if ((a & (1 << e.Service)) != 0) total += e.SecuringStakeGwei;
        }
        return total;
    }
}
