using Restaking.Domain.Adversary;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Adversary;

/// <summary>
/// A service whose ELIP-006 redistribution recipient its corruptor captures (ELIP-006, Impact Summary: whoever holds the
/// slasher and the recipient "can drain the entirety of Operator and Staker allocated stake for a given Operator Set"):
/// π(A) gains D(A) = Σ_v min(σ_v, Σ_{s ∈ A_R ∩ N(v)} σ_{v,s}) (AttackRules.Redistributable). Hand cases, then the searches,
/// DR24's checks and cascade against the definitions.
/// </summary>
public class RedistributionToCorruptorTests
{
    private static long Eth(long eth) => Gwei.FromEth(eth);

    /// <summary>Pooled. s0 (π 10, α 1/2), s1 (π 30, α 1/2); v0 (40 ETH) secures both, v1 (30) s0, v2 (50) s1.</summary>
    private static AttackNetwork Pooled(bool s0Captured, bool s1Captured)
    {
        var b = new AttackNetworkBuilder(AttackCost.Pooled);
        var s0 = b.AddService(Eth(10), Wad.One / 2, s0Captured);
        var s1 = b.AddService(Eth(30), Wad.One / 2, s1Captured);
        var v0 = b.AddOperator(Eth(40));
        var v1 = b.AddOperator(Eth(30));
        var v2 = b.AddOperator(Eth(50));
        b.AddEdge(v0, s0).AddEdge(v0, s1).AddEdge(v1, s0).AddEdge(v2, s1);
        return b.Build();
    }

    /// <summary>Isolated. s0 (π 10, α 1/2) and s1 (π 30, α 1/2); v0 (100 ETH) allocates 20 to s0 and 30 to s1, v1 (50)
    /// 30 to s0, v2 (60) 40 to s1.</summary>
    private static AttackNetwork Isolated(bool s0Captured)
    {
        var b = new AttackNetworkBuilder(AttackCost.Isolated);
        var s0 = b.AddService(Eth(10), Wad.One / 2, s0Captured);
        var s1 = b.AddService(Eth(30), Wad.One / 2);
        var v0 = b.AddOperator(Eth(100));
        var v1 = b.AddOperator(Eth(50));
        var v2 = b.AddOperator(Eth(60));
        b.AddEdge(v0, s0, Eth(20)).AddEdge(v0, s1, Eth(30)).AddEdge(v1, s0, Eth(30)).AddEdge(v2, s1, Eth(40));
        return b.Build();
    }

    [Fact]
    public void Pooled_a_captured_service_pays_its_corruptor_every_stake_it_can_slash()
    {
        // Burning: B = {v0} controls s0 (40 ≥ 35) and forfeits 40 > 10; B = {v2} takes s1 (50 ≥ 45) for 30 < 50; B = {v0, v2}
        // takes both for 40 < 90. No profitable attack.
        Assert.Null(ExactAttackSearch.Find(Pooled(false, false)));

        // s0 captured: D({s0}) = min(40, 40) + min(30, 30) = 70, so B = {v0} gains 10 + 70 − 40 = 40: v0's own 40 comes back
        // and v1's 30 is taken. B = {v0, v2} would gain 10 + 30 + 70 − 90 = 20, B = {v0, v1} 80 − 70 = 10.
        var net = Pooled(true, false);
        Assert.Equal(Eth(70), AttackRules.Redistributable(net, [0]));
        Assert.Equal(Eth(80), net.CorruptionValueGwei(0));
        Assert.Equal(Eth(30), net.CorruptionValueGwei(1));
        var attack = ExactAttackSearch.Find(net);
        Assert.Equal(new Attack([0], [0], Eth(80), Eth(40)), attack);
        Assert.Equal(attack!.Gain, BruteForce.BestGain(net));
    }

    [Fact]
    public void Pooled_an_operator_of_two_captured_services_pays_once()
    {
        // Both captured: D({s0, s1}) = v0 min(40, 40 + 40) + v1 30 + v2 50 = 120, not 70 + 90 = 160. So π({s0, s1}) = 40 + 120
        // = 160, below π'_s0 + π'_s1 = 80 + 120 = 200 (Claim 1's per-service bound). B = {v2} takes s1 alone: 30 + 90 − 50 =
        // 70; B = {v0, v2} both: 160 − 90 = 70, the same gain at a higher cost, so the search keeps ({s1}, {v2}).
        var net = Pooled(true, true);
        Assert.Equal(Eth(120), AttackRules.Redistributable(net, [0, 1]));
        Assert.Equal(Eth(160), AttackRules.Profit(net, [0, 1]));
        Assert.Equal(Eth(200), net.CorruptionValueGwei(0) + net.CorruptionValueGwei(1));
        Assert.Equal(new Attack([1], [2], Eth(120), Eth(50)), ExactAttackSearch.Find(net));
        Assert.Equal(Eth(70), AttackRules.Create(net, [0, 1], [0, 2]).Gain);
    }

    [Fact]
    public void Isolated_the_captured_service_is_worth_its_value_plus_its_securing_stake()
    {
        // Burning: B = {v1} controls s0 (30 ≥ 25) but forfeits its 30 allocation for 10; s1 needs 35 of 70 and v2's 40 costs
        // more than 30. Secure.
        Assert.Null(ExactAttackSearch.Find(Isolated(false)));
        // Captured: π'_s0 = 10 + σ(N(s0)) = 10 + 20 + 30 = 60 (additive under Isolated); B = {v1} gains 60 − 30 = 30, v1's 30
        // paid back and v0's 20 taken. B = {v0, v1} would gain 60 − 50 = 10.
        var net = Isolated(true);
        Assert.Equal(Eth(60), net.CorruptionValueGwei(0));
        Assert.Equal(Eth(50), AttackRules.Redistributable(net, [0]));
        var attack = ExactAttackSearch.Find(net);
        Assert.Equal(new Attack([0], [1], Eth(60), Eth(30)), attack);
        Assert.Equal(attack!.Gain, BruteForce.BestGain(net));
        Assert.Equal(attack, HeuristicAttackSearch.Find(net));
    }

    [Fact]
    public void Claim_1_and_the_cost_ratio_count_what_the_corruptor_is_paid()
    {
        // Isolated, s0 captured: v1's Claim 1 term for s0 is 30 · 60 / (1/2 · 50) = 72 > 50: the claim fails (it held with
        // π = 10: v0 20·10/25 + 30·30/35 = 8 + 25.7 ≤ 100, v1 12 ≤ 50, v2 34.3 ≤ 60). The cost ratio: s0's cheapest cover is
        // {v1} at 30 (v0's 20 < 25), so ρ = 30 / 60 = 1/2 < 1 — not secure; burning, it is min(30/10, 40/30) = 4/3.
        Assert.True(SecurityChecks.Claim1Holds(Isolated(false)));
        Assert.False(SecurityChecks.Claim1Holds(Isolated(true)));
        var burning = SecurityChecks.MinFeasibleCostRatio(Isolated(false))!.Value;
        Assert.Equal((Int128)burning.Cost * 3, (Int128)burning.Profit * 4);
        var captured = SecurityChecks.MinFeasibleCostRatio(Isolated(true))!.Value;
        Assert.Equal((Eth(30), Eth(60)), (captured.Cost, captured.Profit));

        // Pooled, s0 captured: ρ = min over B of σ(B) / π(A): B = {v0} gives 40 / 80 = 1/2 (the smallest). Claim 1 held while
        // s0 burned (v0: 40/70 · 10/(1/2) + 40/90 · 30/(1/2) = 38.1 ≤ 40; v1 8.6 ≤ 30; v2 33.3 ≤ 50); captured, v1's term alone
        // is 30/70 · 80/(1/2) = 68.6 > 30.
        var pooled = SecurityChecks.MinFeasibleCostRatio(Pooled(true, false))!.Value;
        Assert.Equal((Int128)pooled.Cost * 2, (Int128)pooled.Profit);
        Assert.True(SecurityChecks.Claim1Holds(Pooled(false, false)));
        Assert.False(SecurityChecks.Claim1Holds(Pooled(true, false)));
    }

    [Fact]
    public void The_cascade_loses_the_honest_stake_the_captured_service_takes()
    {
        // Pooled, s0 captured, no shock: the attack ({s0}, {v0}) costs v0's 40 and drains v1's 30; then s1 is left with v2
        // (50 ≥ 25 of 50) for 30 < 50: no more attacks. Stake lost 70 of 120.
        var result = Dr24Cascade.Run(Pooled(true, false), [], Restaking.Domain.Scenarios.AttackSearchMode.Exact);
        Assert.Single(result.Attacks);
        Assert.Equal(Eth(70), result.CascadeStakeLostGwei);
        // Isolated, s0 captured: v1's 30 (cost) and v0's 20 (drained); s1 keeps v0's 30 and v2's 40, and no attack pays.
        var isolated = Dr24Cascade.Run(Isolated(true), [], Restaking.Domain.Scenarios.AttackSearchMode.Exact);
        Assert.Single(isolated.Attacks);
        Assert.Equal(Eth(50), isolated.CascadeStakeLostGwei);
    }

    [Theory]
    [InlineData(AttackCost.Pooled)]
    [InlineData(AttackCost.Isolated)]
    public void Searches_and_the_cost_ratio_agree_with_the_definitions_on_random_networks_with_captured_services(AttackCost mode)
    {
        int heuristicOptimal = 0;
        for (var i = 0; i < 250; i++)
        {
            var raw = RandomNetworks.Create("redistribution-vs-brute", i, mode, maxOperators: 8, maxServices: 4,
                piMaxEth: mode == AttackCost.Pooled ? 1500 : 200);
            // Every other service (by index and network) redistributes to its corruptor.
            var net = RandomNetworks.WithValues(raw, raw.ValueAtRiskGwei, s => (s + i) % 2 == 0);
            var exact = ExactAttackSearch.Find(net);
            Assert.Equal(BruteForce.BestGain(net), exact?.Gain);
            if (exact is not null)
            {
                Assert.True(AttackRules.IsFeasible(net, exact) && AttackRules.IsProfitable(net, exact), $"network {i}: {exact}");
                Assert.Equal(AttackRules.Create(net, exact.Services, exact.Operators), exact);
            }
            if (HeuristicAttackSearch.Find(net) is { } heuristic)
            {
                Assert.True(AttackRules.IsFeasible(net, heuristic) && AttackRules.IsProfitable(net, heuristic), $"network {i}: {heuristic}");
                Assert.Equal(AttackRules.Create(net, heuristic.Services, heuristic.Operators), heuristic);
                Assert.True(heuristic.Gain <= exact!.Gain, $"network {i}: heuristic {heuristic} beats exact {exact}");
                if (heuristic.Gain == exact.Gain) heuristicOptimal++;
            }

            CostRatio? expected = null;
            for (var a = 1; a < 1 << net.ServiceCount; a++)
                for (var b = 0; b < 1 << net.OperatorCount; b++)
                {
                    if (!BruteForce.Feasible(net, a, b) || BruteForce.Profit(net, a) == 0) continue;
                    var r = new CostRatio(BruteForce.Cost(net, a, b), BruteForce.Profit(net, a));
                    if (expected is not { } e || r.IsLessThan(e)) expected = r;
                }
            var actual = SecurityChecks.MinFeasibleCostRatio(net);
            Assert.Equal(expected is null, actual is null);
            if (expected is { } x && actual is { } y) Assert.Equal((Int128)x.Cost * y.Profit, (Int128)y.Cost * x.Profit);
        }
        Assert.True(heuristicOptimal > 100, $"the heuristic found the best attack on only {heuristicOptimal} networks");
    }
}
