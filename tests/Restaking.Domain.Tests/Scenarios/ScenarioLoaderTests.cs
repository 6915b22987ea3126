using Restaking.Domain.Scenarios;

namespace Restaking.Domain.Tests.Scenarios;

public class ScenarioLoaderTests
{
    private static readonly HashSet<string> Kinds = ["bridge", "oracle", "da-layer"];

    private static string ValidFile(string name) => Path.Combine(AppContext.BaseDirectory, "Scenarios", "Valid", name);

    private const string Minimal = """
        { "name": "m", "seed": 7, "ticks": { "count": 10, "seconds": 60 }, "baseChain": { "totalActiveBalanceEth": 1000 } }
        """;

    [Fact]
    public void Minimal_scenario_loads_with_the_defaults()
    {
        var result = ScenarioLoader.LoadFromText("min.json", Minimal, Kinds);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var s = result.Scenario!;
        Assert.Equal(SecurityModel.Pooled, s.SecurityModel);
        Assert.Equal(new AdversarySettings(AttackSearchMode.Auto, 16), s.Adversary);
        Assert.Equal(64, s.MaxCascadeRounds);
        Assert.Equal(1_000_000_000_000L, s.BaseChain.TotalActiveBalanceGwei);
        Assert.Empty(s.Faults);
        Assert.Null(s.Generate);
    }

    [Fact]
    public void Full_example_loads_with_exact_gwei_and_wad_values()
    {
        var result = ScenarioLoader.Load(ValidFile("full-example.json"), Kinds);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var s = result.Scenario!;
        Assert.Equal("full-example", s.Name);
        Assert.Equal(ulong.MaxValue, s.Seed);
        Assert.Equal(new TickClock(720, 3600), s.Ticks);
        Assert.Equal(SecurityModel.UniqueStake, s.SecurityModel);
        Assert.Equal(new AdversarySettings(AttackSearchMode.Heuristic, 12), s.Adversary);
        Assert.Equal(128, s.MaxCascadeRounds);

        Assert.Equal(34_200_000_000_000_000L, s.BaseChain.TotalActiveBalanceGwei);
        Assert.True(s.BaseChain.NativeValidatorsForOperators);
        Assert.Equal(
            [new ValidatorGroupSpec("lido-a", "steth", 1000, 32_000_000_000L), new ValidatorGroupSpec("op-1-compounding", "op-1", 2, 2_048_000_000_000L),
             new ValidatorGroupSpec("op-2-default", "op-2", 3, 32_000_000_000L)],
            s.BaseChain.ValidatorGroups);

        var steth = s.Tokens[0];
        Assert.Equal(TokenType.Lst, steth.Type);
        Assert.Equal(9_800_000_000_000_000L, steth.SupplyGwei);
        Assert.Equal(9_799_999_500_000_000L, steth.BackingGwei);
        var ezeth = s.Tokens[1];
        Assert.Equal(TokenType.Lrt, ezeth.Type);
        Assert.Null(ezeth.SupplyGwei);
        Assert.Equal([new DelegationSpec("op-1", "eth", 1_000_000_000_000L), new DelegationSpec("op-2", "steth", 100_000_000L)], ezeth.Delegations);
        Assert.Equal(new LrtAllocationSpec(600_000_000_000_000L, "steth", 40), s.Tokens[2].Allocate);

        var bridge = s.Services[0];
        Assert.Equal(120_000_000_000_000L, bridge.ValueAtRiskGwei);
        Assert.Equal(667_000_000_000_000_000L, bridge.AttackThresholdWad);
        Assert.Equal(1_000_000_000_000_000_000L, bridge.SlashFractionWad);
        Assert.Equal(0L, bridge.LivenessSlashWad);
        Assert.Equal("steth", bridge.Wraps);
        Assert.Equal(5_000_123_456_789L, s.Services[1].ValueAtRiskGwei);
        Assert.Null(s.Services[1].AttackThresholdWad);

        Assert.Equal("cloud-a", s.Operators[0].Group);
        Assert.Equal([new AllocationSpec("bridge-1", 200_000_000_000_000_000L), new AllocationSpec("oracle-1", 800_000_000_000_000_000L)], s.Operators[0].Allocations);
        Assert.Equal([new AllocationSpec("svc-3", 1L)], s.Operators[1].Allocations);

        Assert.Equal([new StakerSpec("alice", "op-1", "steth", 32_000_000_000L), new StakerSpec("bob", "op-gen-17", "eth", 1L),
            new StakerSpec("carol", "op-1", "eth", 2_000_000_000_000L, 24, 700)], s.Stakers);

        var generate = s.Generate!;
        Assert.Equal(500, generate.Services!.Count);
        Assert.Equal("svc-", generate.Services.IdPrefix);
        Assert.Equal([new("bridge", 1), new("oracle", 2), new("da-layer", 1)], generate.Services.KindWeights);
        Assert.Equal(new AmountDistribution(DistributionKind.Pareto, 100_000_000_000L, 500_000_000_000_000L, 1.2m), generate.Services.ValueAtRisk);
        Assert.Equal("op-gen-", generate.Operators!.IdPrefix);
        Assert.Equal((1, 20), (generate.Operators.MinServices, generate.Operators.MaxServices));
        Assert.Equal(750_000_000_000_000_000L, generate.Operators.AllocatedFractionWad);
        Assert.Equal(["cloud-b", "bare-metal"], generate.Operators.Groups);
        Assert.Equal(new AmountDistribution(DistributionKind.Fixed, 32_000_000_000L, 32_000_000_000L), generate.Stakers!.Stake);
        Assert.Equal(1.1m, generate.Stakers.OperatorPopularity);
        Assert.Equal([new("eth", 3), new("steth", 1)], generate.Stakers.AssetWeights);

        Assert.Equal(7, s.Faults.Count);
        Assert.Equal(FaultType.OperatorEquivocation, s.Faults[0].Type);
        Assert.Equal(500_000_000_000_000_000L, s.Faults[1].FractionWad);
        Assert.Equal("bare-metal", s.Faults[2].Group);
        Assert.Equal(["op-1", "op-gen-4999"], s.Faults[3].Operators);
        Assert.Equal(["steth", "op-1", "lido-a", "op-2/native"], s.Faults[4].Owners);
        Assert.Equal(0L, s.Faults[4].OtherSlashedGwei);
        Assert.Equal(50_000_000_000_000_000L, s.Faults[5].FractionWad);
        Assert.Equal(719, s.Faults[6].Tick);
        Assert.Equal(60_000_000_000_000L, s.Faults[6].AmountGwei);
    }

    [Fact]
    public void Three_independent_mistakes_are_all_reported()
    {
        const string json = """
            {
              "name": "three", "seed": 1, "ticks": { "count": 10, "seconds": 60 },
              "baseChain": { "totalActiveBalanceEth": 1000 },
              "services": [ { "id": "s1", "kind": "rollup", "valueAtRiskEth": 10 } ],
              "operators": [ { "id": "op-1", "allocations": [ { "service": "s1", "magnitude": 1.5 } ] } ],
              "stakers": [ { "id": "alice", "operator": "op-1", "asset": "eth", "amountEth": 1, "note": "typo" } ]
            }
            """;

        var result = ScenarioLoader.LoadFromText("three.json", json, Kinds);

        Assert.Null(result.Scenario);
        Assert.Equal(
            [("$.services[0].kind", "unknown-kind"), ("$.operators[0].allocations[0].magnitude", "range"), ("$.stakers[0].note", "unknown-property")],
            result.Errors.Select(e => (e.Path, e.Rule)));
    }

    [Fact]
    public void An_amount_finer_than_one_gwei_is_rejected_with_rule_decimals()
    {
        var json = Minimal.Replace("\"totalActiveBalanceEth\": 1000", "\"totalActiveBalanceEth\": 1e-10", StringComparison.Ordinal);

        var result = ScenarioLoader.LoadFromText("tiny.json", json, Kinds);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("$.baseChain.totalActiveBalanceEth", ScenarioRule.Decimals), (error.Path, error.Rule));
    }

    [Fact]
    public void Exactly_nine_decimals_of_eth_and_eighteen_of_a_fraction_are_exact()
    {
        var json = Minimal.Replace("1000 }", "1000.000000001, \"validatorGroups\": [] }", StringComparison.Ordinal)
            .Replace("\"seed\": 7,", "\"seed\": 7, \"services\": [ { \"id\": \"s\", \"kind\": \"oracle\", \"valueAtRiskEth\": 1, \"attackThreshold\": 0.333333333333333333 } ],", StringComparison.Ordinal);

        var s = ScenarioLoader.LoadFromText("exact.json", json, Kinds).Scenario!;

        Assert.Equal(1_000_000_000_001L, s.BaseChain.TotalActiveBalanceGwei);
        Assert.Equal(333_333_333_333_333_333L, s.Services[0].AttackThresholdWad);
    }

    [Fact]
    public void Invalid_json_is_one_error_with_its_line_and_position()
    {
        var result = ScenarioLoader.LoadFromText("broken.json", "{\n  \"name\": \"x\"\n  \"seed\": 1\n}", Kinds);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ScenarioRule.InvalidJson, error.Rule);
        Assert.Equal("$", error.Path);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_reported_as_file_not_found()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "no-such-dir", "missing.json");

        var error = Assert.Single(ScenarioLoader.Load(path, Kinds).Errors);

        Assert.Equal(ScenarioRule.FileNotFound, error.Rule);
        Assert.Equal(path, error.File);
    }

    [Fact]
    public void Error_text_is_file_path_message_rule()
    {
        var error = new ScenarioError("a.json", "$.operators[12].allocations[3].service", "unknown-reference", "'x' is not a listed or generated service");

        Assert.Equal("a.json: $.operators[12].allocations[3].service: 'x' is not a listed or generated service [unknown-reference]", error.ToString());
    }

    [Fact]
    public void Unknown_kind_message_lists_the_registered_kinds()
    {
        var json = Minimal.Replace("\"seed\": 7,", "\"seed\": 7, \"services\": [ { \"id\": \"s\", \"kind\": \"brige\", \"valueAtRiskEth\": 1 } ],", StringComparison.Ordinal);

        var error = Assert.Single(ScenarioLoader.LoadFromText("k.json", json, Kinds).Errors);

        Assert.Equal("k.json: $.services[0].kind: unknown service kind 'brige'; known kinds: bridge, da-layer, oracle [unknown-kind]", error.ToString());
    }

    private static string WithOracle(string extra) => Minimal.Replace("\"seed\": 7,",
        "\"seed\": 7, \"services\": [ { \"id\": \"oracle-1\", \"kind\": \"oracle\", \"valueAtRiskEth\": 1" + extra + " } ],", StringComparison.Ordinal);

    [Fact]
    public void Slashers_and_redistribution_recipients_load()
    {
        SlasherSpec? Slasher(string extra)
        {
            var result = ScenarioLoader.LoadFromText("s.json", WithOracle(extra), Kinds);
            Assert.True(result.IsValid, string.Join("\n", result.Errors));
            return Assert.Single(result.Scenario!.Services).Slasher;
        }
        Assert.Null(Slasher(""));
        Assert.Equal(new SlasherSpec(SlasherType.Instant), Slasher(", \"slasher\": { \"type\": \"instant\" }"));
        Assert.Equal(new SlasherSpec(SlasherType.Veto, 2, VetoResolver.VetoesRogue),
            Slasher(", \"slasher\": { \"type\": \"veto\", \"vetoTicks\": 2, \"resolver\": \"vetoes-rogue\" }"));
        Assert.Equal(new SlasherSpec(SlasherType.Veto, 0, VetoResolver.None),
            Slasher(", \"slasher\": { \"type\": \"veto\", \"vetoTicks\": 0, \"resolver\": \"none\" }"));

        var redistributing = ScenarioLoader.LoadFromText("r.json", WithOracle(", \"redistributionRecipient\": \"insurance-fund\""), Kinds);
        Assert.Equal("insurance-fund", Assert.Single(redistributing.Scenario!.Services).RedistributionRecipient);
        Assert.Null(Assert.Single(ScenarioLoader.LoadFromText("b.json", WithOracle(""), Kinds).Scenario!.Services).RedistributionRecipient);
    }

    [Theory]
    [InlineData("{ \"type\": \"optimistic\" }", "$.services[0].slasher.type: 'optimistic' is not one of \"instant\", \"veto\" [enum]")]
    [InlineData("{ \"type\": \"veto\", \"vetoTicks\": -1, \"resolver\": \"none\" }",
        "$.services[0].slasher.vetoTicks: must be between 0 and 1000000, got -1 [range]")]
    [InlineData("{ \"type\": \"veto\", \"vetoTicks\": 2, \"resolver\": \"vetoes-rouge\" }",
        "$.services[0].slasher.resolver: 'vetoes-rouge' is not one of \"none\", \"vetoes-rogue\", \"vetoes-all\" [enum]")]
    [InlineData("{ \"type\": \"veto\", \"resolver\": \"none\" }", "$.services[0].slasher.vetoTicks: a veto slasher needs 'vetoTicks' [slasher-field]")]
    [InlineData("{ \"type\": \"instant\", \"resolver\": \"none\" }",
        "$.services[0].slasher.resolver: 'resolver' applies only to a veto slasher [slasher-field]")]
    public void A_bad_slasher_is_reported_at_its_json_path(string slasher, string expected)
    {
        var error = Assert.Single(ScenarioLoader.LoadFromText("v.json", WithOracle(", \"slasher\": " + slasher), Kinds).Errors);

        Assert.Equal("v.json: " + expected, error.ToString());
    }

    [Fact]
    public void Schema_keyword_is_allowed_at_the_top_level_only()
    {
        var json = Minimal.Replace("\"seed\": 7,", "\"$schema\": \"scenario.schema.json\", \"seed\": 7,", StringComparison.Ordinal)
            .Replace("\"count\": 10,", "\"$schema\": \"x\", \"count\": 10,", StringComparison.Ordinal);

        var error = Assert.Single(ScenarioLoader.LoadFromText("s.json", json, Kinds).Errors);

        Assert.Equal(("$.ticks['$schema']", ScenarioRule.UnknownProperty), (error.Path, error.Rule));
    }

    [Fact]
    public void Every_scenario_in_the_repository_validates()
    {
        var files = RepositoryFiles.ShippedScenarios();
        Assert.SkipWhen(files.Count == 0, $"no scenario files in {RepositoryFiles.ScenariosFolder} yet");

        var errors = files.SelectMany(f => ScenarioLoader.Load(f, Kinds).Errors).ToList();

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
