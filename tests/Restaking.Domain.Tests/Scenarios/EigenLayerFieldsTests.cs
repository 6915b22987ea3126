using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Scenarios;

/// <summary>The scenario fields of EigenLayer's delays: the "eigenlayer" block, operators' allocationDelaySeconds, and the
/// withdrawal-wave and reallocate faults (the malformed corpus has one file per rule; these are the cases it cannot hold).</summary>
public class EigenLayerFieldsTests
{
    private static readonly HashSet<string> Kinds = ["bridge", "oracle", "da-layer"];

    private static string World(string model, string faults, string extra = "") => $$"""
        { "name": "el", "seed": 1, "ticks": { "count": 30, "seconds": 86400 }, "securityModel": "{{model}}", {{extra}}
          "baseChain": { "totalActiveBalanceEth": 1000000 },
          "tokens": [ { "id": "steth", "type": "lst", "supplyEth": 1000 } ],
          "services": [ { "id": "svc-a", "kind": "oracle", "valueAtRiskEth": 10 } ],
          "operators": [ { "id": "op-a", "allocationDelaySeconds": 172800, "allocations": [ { "service": "svc-a", "magnitude": 0.5 } ] } ],
          "generate": { "operators": { "count": 2, "idPrefix": "gen-", "servicesPerOperator": { "min": 1, "max": 1 } } },
          "stakers": [ { "id": "s", "operator": "op-a", "asset": "eth", "amountEth": 32 } ],
          "faults": [ {{faults}} ] }
        """;

    private const string Wave = """{ "id": "w", "tick": 1, "type": "withdrawal-wave", "operators": "all", "asset": "steth", "fraction": 0.25 }""";
    private const string Realloc = """{ "id": "r", "tick": 2, "type": "reallocate", "operator": "op-a", "service": "svc-a", "magnitude": 0 }""";

    [Fact]
    public void The_fields_load_with_their_values_and_the_delays_default_to_mainnet()
    {
        var result = ScenarioLoader.LoadFromText("el.json", World("unique-stake", Wave + ", " + Realloc,
            """ "eigenlayer": { "withdrawalDelaySeconds": 300 }, """), Kinds);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var s = result.Scenario!;
        // 25 blocks × 12 s (the testnets' MIN_WITHDRAWAL_DELAY_BLOCKS); the deallocation delay keeps mainnet's 100,800 × 12 s.
        Assert.Equal(new EigenLayerSettings(300, 1_209_600), s.EigenLayer);
        Assert.Equal(172_800, s.Operators[0].AllocationDelaySeconds);
        Assert.Equal((FaultType.WithdrawalWave, true, "steth", Wad.One / 4), (s.Faults[0].Type, s.Faults[0].AllOperators, s.Faults[0].Asset, s.Faults[0].FractionWad));
        Assert.Equal((FaultType.Reallocate, "op-a", "svc-a", 0L), (s.Faults[1].Type, s.Faults[1].Operator, s.Faults[1].Service, s.Faults[1].MagnitudeWad));
        Assert.Equal(EigenLayerSettings.MainnetDelaySeconds, ScenarioLoader.LoadFromText("m.json", World("pooled", Wave), Kinds).Scenario!.EigenLayer.WithdrawalDelaySeconds);
    }

    [Fact]
    public void A_reallocate_needs_a_listed_operator()
    {
        var result = ScenarioLoader.LoadFromText("el.json", World("unique-stake",
            """{ "id": "r", "tick": 2, "type": "reallocate", "operator": "gen-1", "service": "svc-a", "magnitude": 0.1 }"""), Kinds);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("$.faults[0].operator", ScenarioRule.NotSecuring), (error.Path, error.Rule));
        Assert.Contains("generated operator", error.Message);
    }

    [Fact]
    public void A_wave_of_listed_operators_loads_and_every_error_of_a_bad_one_is_reported()
    {
        Assert.True(ScenarioLoader.LoadFromText("el.json", World("pooled",
            """{ "id": "w", "tick": 1, "type": "withdrawal-wave", "operators": ["op-a", "gen-2"], "fraction": 1 }"""), Kinds).IsValid);
        var bad = ScenarioLoader.LoadFromText("el.json", World("symbiotic-full-restake",
            """{ "id": "w", "tick": 1, "type": "withdrawal-wave", "operators": ["op-z"], "asset": "reth", "fraction": 0 }"""), Kinds);
        Assert.Equal(
            [("$.faults[0].operators[0]", "unknown-reference"), ("$.faults[0].fraction", "range"), ("$.faults[0].asset", "unknown-reference"),
             ("$.faults[0].type", "security-model")],
            bad.Errors.Select(e => (e.Path, e.Rule)));
    }

    [Fact]
    public void Overriding_the_model_is_checked_against_the_same_rules()
    {
        var scenario = ScenarioLoader.LoadFromText("el.json", World("unique-stake", Wave + ", " + Realloc), Kinds).Scenario!;
        Assert.Empty(FaultModelRules.Check(scenario, "el.json"));
        var pooled = FaultModelRules.Check(scenario.WithOverrides(null, null, SecurityModel.Pooled), "el.json");
        Assert.Equal("el.json: $.faults[1].type: reallocate faults need securityModel \"unique-stake\"; under \"pooled\" allocations do not bound what a service can slash [security-model]",
            Assert.Single(pooled).ToString());
        var symbiotic = FaultModelRules.Check(scenario.WithOverrides(null, null, SecurityModel.SymbioticNetworkRestake), "el.json");
        Assert.Equal(["$.faults[0].type", "$.faults[1].type"], symbiotic.Select(e => e.Path));
    }

    [Fact]
    public void A_stakers_own_ticks_load_and_default_to_a_tick_0_deposit_that_stays()
    {
        const string stakers = """
            "stakers": [ { "id": "s", "operator": "op-a", "asset": "eth", "amountEth": 32 },
                         { "id": "late", "operator": "gen-1", "asset": "steth", "amountEth": 8, "depositTick": 4, "withdrawTick": 29 },
                         { "id": "leaves", "operator": "op-a", "asset": "eth", "amountEth": 1, "withdrawTick": 1 } ],
            """;
        var result = ScenarioLoader.LoadFromText("el.json", World("unique-stake", "", stakers).Replace(
            """ "stakers": [ { "id": "s", "operator": "op-a", "asset": "eth", "amountEth": 32 } ],""", "", StringComparison.Ordinal), Kinds);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var s = result.Scenario!.Stakers;
        Assert.Equal([(0, (int?)null, false), (4, 29, true), (0, 1, true)], s.Select(x => (x.DepositTick, x.WithdrawTick, x.HasOwnTicks)));

        // Every error of a bad one at once: the deposit past the run, the withdrawal not after it.
        var bad = ScenarioLoader.LoadFromText("el.json", World("pooled", "",
            """ "stakers": [ { "id": "x", "operator": "op-a", "asset": "eth", "amountEth": 1, "depositTick": 30, "withdrawTick": 12 } ], """).Replace(
            """ "stakers": [ { "id": "s", "operator": "op-a", "asset": "eth", "amountEth": 32 } ],""", "", StringComparison.Ordinal), Kinds);
        Assert.Equal([("$.stakers[0].depositTick", "range"), ("$.stakers[0].withdrawTick", "tick-order")], bad.Errors.Select(e => (e.Path, e.Rule)));
    }
}
