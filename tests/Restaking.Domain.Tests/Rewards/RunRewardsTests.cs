using System.Text.Json;
using Restaking.Domain.Engine;
using Restaking.Domain.Rewards;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;

namespace Restaking.Domain.Tests.Rewards;

/// <summary>
/// The rewards block of summary.json, end to end on the reference engine, against figures computed by hand. One operator
/// secures one oracle paying 2 % on its securing stake; alice restakes 100 ETH natively, bob 50 stETH (NAV 1, Lido fee
/// 10 %); the run lasts exactly a year (365 ticks of a day), so run return = APY. Base APR 3.5 %, operator commission 10 %.
/// </summary>
public class RunRewardsTests
{
    private static readonly ServiceKindRegistry Kinds = Restaking.ServiceKinds.BuiltInKinds.Registry();

    private static string World(string faults, string extraTokens = "", string stakers = """
        [{ "id": "alice", "operator": "op-1", "asset": "eth", "amountEth": 100 },
         { "id": "bob", "operator": "op-1", "asset": "steth", "amountEth": 50 }]
        """) => $$"""
        {
          "name": "rewards", "seed": 1, "ticks": { "count": 365, "seconds": 86400 },
          "adversary": { "search": "off" },
          "baseChain": { "totalActiveBalanceEth": 1000000 },
          "rewards": { "baseApr": 0.035, "operatorCommission": 0.1 },
          "tokens": [{ "id": "steth", "type": "lst", "supplyEth": 1000, "issuerFee": 0.1 } {{extraTokens}}],
          "services": [{ "id": "oracle-1", "kind": "oracle", "valueAtRiskEth": 10, "slashFraction": 0.5, "rewardApr": 0.02 }],
          "operators": [{ "id": "op-1", "allocations": [{ "service": "oracle-1", "magnitude": 1 }] }],
          "stakers": {{stakers}},
          "faults": {{faults}}
        }
        """;

    private static JsonElement Rewards(string json)
    {
        var load = ScenarioLoader.LoadFromText("rewards.json", json, Kinds.Names);
        Assert.True(load.IsValid, string.Join("\n", load.Errors));
        var result = new ReferenceEngine(Kinds).Run(load.Scenario!, cancellation: TestContext.Current.CancellationToken);
        return JsonDocument.Parse(result.SummaryJson).RootElement.GetProperty("rewards").Clone();
    }

    private static string At(JsonElement e, params string[] path) => path.Aggregate(e, (x, p) => x.GetProperty(p)).GetString()!;

    [Fact]
    public void A_quiet_year_pays_base_plus_the_oracle_net_of_fees()
    {
        // alice: base 100 × 3.5 % = 3.5; the oracle pays 150 × 2 % = 3 to op-1's delegation, alice's pool holds 100/150 → 2,
        //   less 10 % commission = 1.8. Return 5.3 / 100 = 0.053.
        // bob: base 50 × 3.5 % = 1.75 less Lido's 10 % = 1.575; oracle 1 less 10 % = 0.9. Return 2.475 / 50 = 0.0495.
        var r = Rewards(World("[]"));
        Assert.Equal(31_536_000, r.GetProperty("elapsedSeconds").GetInt64());
        Assert.Equal(5_250_000_000, r.GetProperty("grossGwei").GetProperty("base").GetInt64());      // 3.5 + 1.75 ETH
        Assert.Equal(3_000_000_000, r.GetProperty("grossGwei").GetProperty("services").GetInt64());  // 150 × 2 %
        var s = r.GetProperty("stakers");
        Assert.Equal("0.0495", At(s, "runReturn", "p50"));     // nearest rank: ⌈0.5 × 2⌉ = 1st smallest
        Assert.Equal("0.053", At(s, "runReturn", "p75"));
        Assert.Equal("0.05125", At(s, "runReturn", "mean"));   // (0.053 + 0.0495) / 2
        Assert.Equal("0.051833333333333333", At(s, "runReturnByPrincipal", "mean"));   // 7.775 / 150, rounded down
        Assert.Equal("0.053", At(s, "realizedApy", "p95"));    // one whole year: APY = return
        Assert.Equal("0", At(s, "worseThanNotRestaking", "stakers"));
        Assert.Equal("0", At(s, "lostMoney", "principal"));
    }

    [Fact]
    public void A_slash_a_fifth_into_the_year_halves_what_accrues_after_it_and_restaking_did_not_pay()
    {
        // Tick 73 = 0.2 year. The oracle slashes op-1 by 50 % (pooled): every pool halves.
        // alice: base 100 × 3.5 % × 0.2 + 50 × 3.5 % × 0.8 = 0.7 + 1.4 = 2.1; oracle to the delegation 150 × 2 % × 0.2 + 75 × 2 % × 0.8
        //   = 0.6 + 1.2 = 1.8, alice's 2/3 = 1.2, net 1.08; she can withdraw 50. Gain −50 + 2.1 + 1.08 = −46.82 → −0.4682.
        // bob: base 0.35 + 0.7 = 1.05, net 0.945; oracle 1/3 × 1.8 = 0.6, net 0.54; withdraws 25: −25 + 1.485 → −0.4703.
        var r = Rewards(World("""[{ "id": "eq", "tick": 73, "type": "operator-equivocation", "operator": "op-1", "service": "oracle-1" }]"""));
        Assert.Equal(3_150_000_000, r.GetProperty("grossGwei").GetProperty("base").GetInt64());
        Assert.Equal(1_800_000_000, r.GetProperty("grossGwei").GetProperty("services").GetInt64());
        var s = r.GetProperty("stakers");
        Assert.Equal("-0.4703", At(s, "runReturn", "p5"));
        Assert.Equal("-0.4682", At(s, "runReturn", "p95"));
        // Unrestaked, each would have kept every unit: a 50 % slash against 1.08 / 0.54 ETH of service rewards.
        Assert.Equal("1", At(s, "worseThanNotRestaking", "stakers"));
        Assert.Equal("1", At(s, "lostMoney", "principal"));
    }

    [Fact]
    public void A_short_run_annualizes_past_what_a_long_holds()
    {
        // One day, slashed at tick 0 by half: the return is about −0.5, the APY about −0.5 × 365 = −182.5, i.e. −1.8e20 as a WAD.
        string oneDay = World("""[{ "id": "eq", "tick": 0, "type": "operator-equivocation", "operator": "op-1", "service": "oracle-1" }]""")
            .Replace("\"count\": 365", "\"count\": 1", StringComparison.Ordinal);
        var s = Rewards(oneDay).GetProperty("stakers");
        decimal apy = decimal.Parse(At(s, "realizedApy", "p5"), System.Globalization.CultureInfo.InvariantCulture);
        decimal ret = decimal.Parse(At(s, "runReturn", "p5"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(ret, -0.5m, -0.49m);
        Assert.Equal(decimal.Floor(ret * 365 * 1_000_000_000_000_000_000m) / 1_000_000_000_000_000_000m, apy);
    }

    [Fact]
    public void An_lrt_pays_its_holders_after_the_operator_and_the_issuer()
    {
        // lrt-1 restakes 100 ETH natively at op-1, issuer fee 10 %, no stakers. Base 3.5 less 10 % = 3.15; oracle 2 less
        // 10 % commission = 1.8, less 10 % issuer fee = 1.62. Return 4.77 / 100; fees 0.35 + 0.2 + 0.18 = 0.73 ETH.
        var r = Rewards(World("[]", """, { "id": "lrt-1", "type": "lrt", "issuerFee": 0.1, "delegations": [{ "operator": "op-1", "asset": "eth", "amountEth": 100 }] }""", "[]"));
        var token = Assert.Single(r.GetProperty("tokens").EnumerateArray());
        Assert.Equal("lrt-1", token.GetProperty("id").GetString());
        Assert.Equal("0.0477", token.GetProperty("runReturn").GetString());
        Assert.Equal(730_000_000, token.GetProperty("feesGwei").GetInt64());
        Assert.Equal(0, r.GetProperty("stakers").GetProperty("count").GetInt32());
    }

    [Fact]
    public void A_staker_that_deposits_during_the_year_earns_from_its_deposit_and_annualizes_over_its_own_time()
    {
        // alice restakes 100 ETH at tick 0; carol 100 ETH at tick 73 (0.2 year), so she holds 292 days = 0.8 year. Pooled, the
        // oracle pays 2 % on all of op-1's stake: 100 × 2 % × 0.2 = 0.4 (all alice's), then 200 × 2 % × 0.8 = 3.2 split 1.6 / 1.6.
        // alice: base 3.5 + oracle 2.0 net 1.8 → 5.3 / 100 = 0.053 over the year.
        // carol: base 100 × 3.5 % × 0.8 = 2.8 + oracle 1.6 net 1.44 → 4.24 / 100 = 0.0424 over 0.8 year = 0.053 a year.
        var r = Rewards(World("[]", stakers: """
            [{ "id": "alice", "operator": "op-1", "asset": "eth", "amountEth": 100 },
             { "id": "carol", "operator": "op-1", "asset": "eth", "amountEth": 100, "depositTick": 73 }]
            """));
        Assert.Equal(6_300_000_000L, r.GetProperty("grossGwei").GetProperty("base").GetInt64());
        Assert.Equal(3_600_000_000, r.GetProperty("grossGwei").GetProperty("services").GetInt64());
        var s = r.GetProperty("stakers");
        Assert.Equal(("0.0424", "0.053"), (At(s, "runReturn", "p5"), At(s, "runReturn", "p95")));
        Assert.Equal("0.0477", At(s, "runReturn", "mean"));
        // Each annualized over its own time: both 5.3 %, where annualizing carol's 4.24 % over the whole year would say 4.24 %.
        foreach (var field in new[] { "mean", "p5", "p50", "p95" }) Assert.Equal("0.053", At(s, "realizedApy", field));
        Assert.Equal("0.053", At(s, "realizedApyByPrincipal", "mean"));
    }

    [Fact]
    public void Accrual_splits_a_service_reward_over_pools_by_value_and_only_for_elapsed_ticks()
    {
        // Pools worth 100 and 50 ETH; one service slot at 2 % on a securing stake of 150; a tick is a day.
        var accrual = new OperatorRewardAccrual(35_000_000_000_000_000, [20_000_000_000_000_000], 2, 86_400);
        long[] pools = [100_000_000_000, 50_000_000_000];
        accrual.AccrueTo(365, i => pools[i], 150_000_000_000, _ => 150_000_000_000);
        Assert.Equal([3_500_000_000, 1_750_000_000], accrual.BaseGwei);
        Assert.Equal([2_000_000_000, 1_000_000_000], accrual.ServiceGwei);
        Assert.Equal([3_000_000_000], accrual.PaidByServiceGwei);
        accrual.AccrueTo(100, _ => 1, 2, _ => 2);   // earlier than what is accrued: nothing
        Assert.Equal(365, accrual.AccruedToTick);
        Assert.Equal([3_500_000_000, 1_750_000_000], accrual.BaseGwei);
    }
}
