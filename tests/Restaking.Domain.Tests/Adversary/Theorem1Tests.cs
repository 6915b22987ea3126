using System.Diagnostics;
using Restaking.Domain.Adversary;
using Restaking.Domain.Scenarios;

namespace Restaking.Domain.Tests.Adversary;

/// <summary>DR24 Theorem 1: a γ-slack network loses R_ψ &lt; (1 + 1/γ)·ψ to any shock ψ, checked exactly in integers.</summary>
public class Theorem1Tests(ITestOutputHelper output)
{
    private static readonly (long Num, long Den)[] Gammas = [(1, 20), (1, 10), (1, 4), (1, 2), (1, 1)];

    [Fact]
    public void Gamma_slack_networks_lose_less_than_the_bound_on_1000_networks()
    {
        var clock = Stopwatch.StartNew();
        int networks = 0, runs = 0, cascades = 0;
        for (var i = 0; networks < 1000; i++)
        {
            var raw = RandomNetworks.Create("theorem-1", i, AttackCost.Pooled, maxOperators: 10, maxServices: 5);
            var rho = SecurityChecks.MinFeasibleCostRatio(raw);
            Assert.NotNull(rho); // every service has an operator and π > 0, so B = N(s) attacks s
            var (gn, gd) = Gammas[i % Gammas.Length];
            // Scale π by ρ/(1+γ), rounding down, so every ratio σ(B)/π(A) becomes ≥ 1+γ (the minimum one lands on it).
            var net = RandomNetworks.WithValues(raw, s =>
                (long)((Int128)raw.ValueAtRiskGwei(s) * rho.Value.Cost * gd / ((Int128)rho.Value.Profit * (gn + gd))));
            Assert.True(SecurityChecks.IsGammaSlack(net, gn, gd), $"network {i} is not {gn}/{gd}-slack after scaling");
            if (SecurityChecks.MinFeasibleCostRatio(net) is null) continue; // every π rounded to 0: nothing to test
            networks++;
            for (var k = 0; k < 3; k++)
            {
                var shocked = RandomNetworks.Shock("theorem-1-shock", i * 3 + k, net.OperatorCount);
                var result = Dr24Cascade.Run(net, shocked, AttackSearchMode.Exact);
                runs++;
                if (result.Attacks.Count > 0) cascades++;
                Assert.True(result.ShockStakeGwei > 0);
                Assert.All(result.Attacks, a => Assert.True(a.Gain > 0));
                // R_ψ < (1 + 1/γ)ψ  ⇔  (σ(D) + lost) · γn < (γn + γd) · σ(D).
                Assert.True((Int128)result.TotalLostGwei * gn < (Int128)(gn + gd) * result.ShockStakeGwei,
                    $"network {i}, shock [{string.Join(",", shocked)}]: lost {result.TotalLostGwei} from shock {result.ShockStakeGwei}, γ={gn}/{gd}");
            }
        }
        output.WriteLine($"{networks} networks, {runs} shocks, {cascades} cascades, {clock.ElapsedMilliseconds} ms");
        // The bound must actually be tested: many shocks have to set off attacks.
        Assert.True(cascades >= runs / 20, $"only {cascades} of {runs} shocks set off a cascade");
    }
}
