using System.Numerics;
using Restaking.Domain.Units;

namespace Restaking.Domain.Adversary;

/// <summary>Sufficient and exact security conditions from DR24, in exact integer arithmetic.</summary>
public static class SecurityChecks
{
    /// <summary>
    /// EigenLayer's sufficient condition (DR24 Claim 1): for every operator v,
    /// Σ_{s∈N(v)} (σ_{v,s} / σ(N(s))) · (π_s / α_s) ≤ σ_v, with σ_{v,s} = σ_v under Pooled (DR24's exact form).
    /// A service that redistributes to its corruptor counts with π'_s = π_s + σ(N(s))
    /// (<see cref="AttackNetwork.CorruptionValueGwei"/>): the claim's proof needs π(A) ≤ Σ_{s∈A} π_s for feasible attacks,
    /// and π(A) + D(A) ≤ Σ_{s∈A} π'_s holds (D adds over services under Isolated and is at most that sum under Pooled), so
    /// the condition stays sufficient. Under Pooled it fails for every operator of such a service with α_s &lt; 1: that
    /// term alone is at least σ_v / α_s.
    /// Evaluated as a sum of fractions σ_{v,s}·π_s·1e18 / (α_s·σ(N(s))) in BigInteger. Claim 1 implies security, but not
    /// robustness: see DR24 Theorem 2 and <see cref="Dr24Constructions.Claim1ButFragile"/>.
    /// </summary>
    public static bool Claim1Holds(AttackNetwork net)
    {
        for (var v = 0; v < net.OperatorCount; v++)
        {
            BigInteger num = BigInteger.Zero, den = BigInteger.One;
            foreach (var e in net.ByOperator[v])
            {
                var n = (BigInteger)e.SecuringStakeGwei * net.CorruptionValueGwei(e.Service) * Wad.One;
                var d = (BigInteger)net.Alpha[e.Service] * net.SigmaN[e.Service];
                num = num * d + n * den;
                den *= d;
                var g = BigInteger.GreatestCommonDivisor(num, den);
                if (!g.IsZero && !g.IsOne) { num /= g; den /= g; }
            }
            if (num > den * net.Sigma[v]) return false;
        }
        return true;
    }

    /// <summary>
    /// ρ = min over feasible attacks (A, B) with π(A) &gt; 0 of cost(A, B)/π(A) (σ(B)/π(A) under Pooled), exactly;
    /// null when no such attack exists. The network is γ-slack (DR24 Section 3: (1+γ)π(A) ≤ σ(B) for every feasible
    /// attack) iff ρ ≥ 1+γ, and secure iff ρ ≥ 1. Per component by enumeration (a ratio of sums over disjoint components
    /// is at least the smallest component ratio, the mediant inequality, so the minimum over components is exact).
    /// Pooled: for each B take A = all feasible services (largest π(A), D(A) included). Isolated: cost and π both add over
    /// services (π'_s for one that redistributes to its corruptor), so the minimum is at a single service:
    /// min_s (cheapest feasible σ_s(T), T ⊆ N(s)) / π'_s.
    /// Throws when a component (Pooled) or a service's N(s) (Isolated) has more than <paramref name="maxOperators"/> operators.
    /// </summary>
    public static CostRatio? MinFeasibleCostRatio(AttackNetwork net, int maxOperators = ExactAttackSearch.DefaultMaxOperators)
    {
        CostRatio? best = null;
        void Offer(long cost, long profit)
        {
            var r = new CostRatio(cost, profit);
            if (best is not { } b || r.IsLessThan(b)) best = r;
        }

        if (net.CostMode == AttackCost.Pooled)
        {
            foreach (var c in net.Components)
            {
                if (c.Services.Count == 0) continue;
                CheckLimit(c.Operators.Count, maxOperators);
                var e = new SubsetEnumerator(net, c.Services, c.Operators);
                e.ForEachSubset(() => { if (e.FeasibleProfit > 0) Offer(e.StakeOfB, e.FeasibleProfit); });
            }
            return best;
        }

        for (var s = 0; s < net.ServiceCount; s++)
        {
            long value = net.CorruptionValueGwei(s);
            if (value == 0) continue;
            var edges = net.ByService[s];
            CheckLimit(edges.Length, maxOperators);
            long cheapest = long.MaxValue;
            for (ulong mask = 0; mask < 1UL << edges.Length; mask++)
            {
                long sum = 0;
                for (var j = 0; j < edges.Length; j++)
                    if ((mask & (1UL << j)) != 0) sum += edges[j].SecuringStakeGwei;
                if (sum < cheapest && AttackRules.MeetsThreshold(net, s, sum)) cheapest = sum;
            }
            Offer(cheapest, value);
        }
        return best;
    }

    /// <summary>γ-slack with γ = numerator/denominator (DR24 Section 3), exactly.</summary>
    public static bool IsGammaSlack(AttackNetwork net, long gammaNumerator, long gammaDenominator, int maxOperators = ExactAttackSearch.DefaultMaxOperators) =>
        MinFeasibleCostRatio(net, maxOperators) is not { } r || r.IsAtLeast(checked(gammaNumerator + gammaDenominator), gammaDenominator);

    private static void CheckLimit(int operators, int maxOperators)
    {
        if (operators > maxOperators || operators > 30)
            throw new InvalidOperationException($"{operators} operators exceed the enumeration limit of {Math.Min(maxOperators, 30)}");
    }
}
