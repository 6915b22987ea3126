using Restaking.Domain.Scenarios;

namespace Restaking.Domain.Tests.Scenarios;

/// <summary>The "vaults" list: what it accepts, and each mistake reported at its JSON path with its rule.</summary>
public class VaultScenarioTests
{
    private static readonly HashSet<string> Kinds = ["bridge", "oracle", "da-layer"];

    /// <summary>op-a secures oracle-1, op-b oracle-1 and da-1, op-c da-1; three operators are generated (gen-1 … gen-3).</summary>
    private static ScenarioLoadResult Load(string vaults, string model = "symbiotic-network-restake", string faults = "[]") => ScenarioLoader.LoadFromText("vaults.json", $$"""
        { "name": "vaults", "seed": 1, "ticks": { "count": 5, "seconds": 86400 }, "securityModel": "{{model}}",
          "baseChain": { "totalActiveBalanceEth": 1000000 },
          "services": [ { "id": "oracle-1", "kind": "oracle", "valueAtRiskEth": 100 }, { "id": "da-1", "kind": "da-layer", "valueAtRiskEth": 100 },
                        { "id": "bridge-1", "kind": "bridge", "valueAtRiskEth": 100 } ],
          "operators": [
            { "id": "op-a", "allocations": [ { "service": "oracle-1", "magnitude": 0.5 } ] },
            { "id": "op-b", "allocations": [ { "service": "oracle-1", "magnitude": 0.2 }, { "service": "da-1", "magnitude": 0.3 } ] },
            { "id": "op-c", "allocations": [ { "service": "da-1", "magnitude": 0.4 } ] } ],
          "stakers": [ { "id": "s-a", "operator": "op-a", "asset": "eth", "amountEth": 100 } ],
          "generate": { "operators": { "count": 3, "idPrefix": "gen-", "servicesPerOperator": { "min": 1, "max": 1 } } },
          "vaults": {{vaults}}, "faults": {{faults}} }
        """, Kinds);

    [Fact]
    public void A_vault_with_every_field_loads()
    {
        var load = Load("""
            [ { "id": "v-1", "operators": [ "op-a", "op-b" ], "networkLimits": { "oracle-1": 50, "da-1": 0 },
                "operatorShares": { "op-a": { "oracle-1": 3 }, "op-b": { "oracle-1": 1, "da-1": 7 } } },
              { "id": "v-2", "delegator": "full-restake", "operators": [ "op-c" ], "operatorNetworkLimits": { "op-c": { "da-1": 12.5 } } } ]
            """);

        Assert.True(load.IsValid, string.Join("\n", load.Errors));
        var vaults = load.Scenario!.Vaults;
        Assert.Equal(["op-a", "op-b"], vaults[0].Operators);
        Assert.Null(vaults[0].Delegator);
        Assert.Equal(50 * Units.Gwei.PerEth, vaults[0].NetworkLimitsGwei["oracle-1"]);
        Assert.Equal(0, vaults[0].NetworkLimitsGwei["da-1"]);
        Assert.Equal(7, vaults[0].OperatorShares[("op-b", "da-1")]);
        Assert.Equal(VaultDelegatorKind.FullRestake, vaults[1].Delegator);
        Assert.Equal(12_500_000_000, vaults[1].OperatorNetworkLimitsGwei[("op-c", "da-1")]);
    }

    [Fact]
    public void Pooled_and_unique_stake_still_check_the_vaults_they_ignore()
    {
        foreach (var model in new[] { "pooled", "unique-stake" })
        {
            Assert.True(Load("""[ { "id": "v", "operators": [ "op-a", "op-b" ] } ]""", model).IsValid);
            var error = Assert.Single(Load("""[ { "id": "v", "operators": [ "op-z" ] } ]""", model).Errors);
            Assert.Equal(("$.vaults[0].operators[0]", ScenarioRule.UnknownReference), (error.Path, error.Rule));
        }
    }

    public static readonly TheoryData<string, string, string, string> Mistakes = new()
    {
        { """[ { "id": "v", "operators": [ "op-a", "op-z" ] } ]""", "$.vaults[0].operators[1]", ScenarioRule.UnknownReference, "'op-z' is not a listed or generated operator" },
        { """[ { "id": "v", "operators": [ "op-a" ] }, { "id": "w", "operators": [ "op-b", "op-a" ] } ]""", "$.vaults[1].operators[1]", ScenarioRule.VaultMembership,
            "operator 'op-a' is already in a vault (at $.vaults[0].operators[0])" },
        { """[ { "id": "v", "operators": [ "op-a", "op-a" ] } ]""", "$.vaults[0].operators[1]", ScenarioRule.VaultMembership, "already in a vault" },
        { """[ { "id": "v", "operators": [ "gen-2" ] } ]""", "$.vaults[0].operators[0]", ScenarioRule.VaultMembership, "'gen-2' is a generated operator" },
        { """[ { "id": "v", "operators": [] } ]""", "$.vaults[0].operators", ScenarioRule.Empty, "must not be empty" },
        { """[ { "operators": [ "op-a" ] } ]""", "$.vaults[0].id", ScenarioRule.Required, "'id' is required" },
        { """[ { "id": "v", "operators": [ "op-a" ] }, { "id": "v", "operators": [ "op-b" ] } ]""", "$.vaults[1].id", ScenarioRule.DuplicateId, "duplicate vault id 'v'" },
        { """[ { "id": "v", "delegator": "operator-specific", "operators": [ "op-a" ] } ]""", "$.vaults[0].delegator", ScenarioRule.Enum, "\"full-restake\", \"network-restake\"" },
        { """[ { "id": "v", "operators": [ "op-a" ], "networkLimits": { "da-1": 10 } } ]""", "$.vaults[0].networkLimits['da-1']", ScenarioRule.NotSecuring,
            "'da-1': no operator of this vault secures it" },
        { """[ { "id": "v", "operators": [ "op-a" ], "networkLimits": { "oracle-9": 10 } } ]""", "$.vaults[0].networkLimits['oracle-9']", ScenarioRule.UnknownReference, "'oracle-9'" },
        { """[ { "id": "v", "operators": [ "op-a" ], "networkLimits": { "oracle-1": -1 } } ]""", "$.vaults[0].networkLimits['oracle-1']", ScenarioRule.Range, "at least 0" },
        { """[ { "id": "v", "operators": [ "op-a", "op-b" ], "operatorShares": { "op-a": { "da-1": 1 } } } ]""", "$.vaults[0].operatorShares['op-a']['da-1']",
            ScenarioRule.NotSecuring, "'da-1': operator 'op-a' does not secure it" },
        { """[ { "id": "v", "operators": [ "op-a" ], "operatorShares": { "op-c": { "da-1": 1 } } } ]""", "$.vaults[0].operatorShares['op-c']",
            ScenarioRule.VaultMembership, "'op-c' is not an operator of this vault" },
        { """[ { "id": "v", "operators": [ "op-a" ], "operatorShares": { "op-a": { "oracle-1": 0.5 } } } ]""", "$.vaults[0].operatorShares['op-a']['oracle-1']",
            ScenarioRule.Type, "must be an integer" },
        { """[ { "id": "v", "operators": [ "op-a" ], "operatorShares": { "op-a": {} } } ]""", "$.vaults[0].operatorShares['op-a']", ScenarioRule.Empty, "at least one entry" },
        { """[ { "id": "v", "delegator": "full-restake", "operators": [ "op-a" ], "operatorShares": { "op-a": { "oracle-1": 1 } } } ]""",
            "$.vaults[0].operatorShares", ScenarioRule.DelegatorField, "'operatorShares' does not apply to a \"full-restake\" vault" },
        { """[ { "id": "v", "delegator": "network-restake", "operators": [ "op-a" ], "operatorNetworkLimits": { "op-a": { "oracle-1": 1 } } } ]""",
            "$.vaults[0].operatorNetworkLimits", ScenarioRule.DelegatorField, "'operatorNetworkLimits' does not apply to a \"network-restake\" vault" },
        { """[ { "id": "v", "operators": [ "op-b" ], "operatorNetworkLimits": { "op-b": { "bridge-1": 1 } } } ]""", "$.vaults[0].operatorNetworkLimits['op-b']['bridge-1']",
            ScenarioRule.NotSecuring, "operator 'op-b' does not secure it" },
        { """[ { "id": "v", "operators": [ "op-a" ], "curator": "x" } ]""", "$.vaults[0].curator", ScenarioRule.UnknownProperty, "unknown property 'curator'" },
        { """{ "id": "v" }""", "$.vaults", ScenarioRule.Type, "must be an array" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_mistake_in_a_vault_is_reported_at_its_path_with_its_rule(string vaults, string path, string rule, string message)
    {
        var load = Load(vaults);

        Assert.False(load.IsValid);
        Assert.True(load.Errors.Any(e => e.Path == path && e.Rule == rule && e.Message.Contains(message, StringComparison.Ordinal)),
            $"expected {path} [{rule}] '{message}' among:\n{string.Join("\n", load.Errors)}");
    }

    private const string OneVault = """[ { "id": "v", "operators": [ "op-a", "op-b" ], "epochTicks": 2 } ]""";

    [Fact]
    public void A_vault_withdrawal_and_epoch_ticks_load_and_the_epoch_defaults_to_seven_days_on_the_tick_clock()
    {
        var load = Load(OneVault, faults: """[ { "id": "w", "tick": 1, "type": "vault-withdrawal", "vault": "v", "fraction": 0.3 } ]""");
        Assert.True(load.IsValid, string.Join("\n", load.Errors));
        var scenario = load.Scenario!;
        Assert.Equal(("v", 300_000_000_000_000_000L), (scenario.Faults[0].Vault, scenario.Faults[0].FractionWad));
        Assert.Equal(2, scenario.Vaults[0].EpochTicksOn(scenario.Ticks));
        // No epochTicks: 604,800 s on 86,400 s ticks is 7 ticks; on 7-hour ticks ⌈604,800 / 25,200⌉ = 24.
        var plain = Load("""[ { "id": "v", "operators": [ "op-a" ] } ]""").Scenario!;
        Assert.Equal(7, plain.Vaults[0].EpochTicksOn(plain.Ticks));
        Assert.Equal(24, plain.Vaults[0].EpochTicksOn(new TickClock(10, 25_200)));
    }

    public static readonly TheoryData<string, string, string, string, string> WithdrawalMistakes = new()
    {
        { """{ "id": "w", "tick": 1, "type": "vault-withdrawal", "vault": "v-9", "fraction": 0.3 }""", "symbiotic-network-restake",
            "$.faults[0].vault", ScenarioRule.UnknownReference, "'v-9' is not a listed vault" },
        { """{ "id": "w", "tick": 1, "type": "vault-withdrawal", "vault": "v", "fraction": 1.5 }""", "symbiotic-full-restake",
            "$.faults[0].fraction", ScenarioRule.Range, "must be a fraction in (0, 1]" },
        { """{ "id": "w", "tick": 1, "type": "vault-withdrawal", "vault": "v" }""", "symbiotic-full-restake",
            "$.faults[0].fraction", ScenarioRule.FaultField, "vault-withdrawal faults need 'fraction'" },
        { """{ "id": "w", "tick": 1, "type": "vault-withdrawal", "vault": "v", "fraction": 0.3, "operators": [ "op-a" ] }""", "symbiotic-full-restake",
            "$.faults[0].operators", ScenarioRule.FaultField, "'operators' does not apply to vault-withdrawal faults" },
        { """{ "id": "w", "tick": 1, "type": "vault-withdrawal", "vault": "v", "fraction": 0.3 }""", "pooled",
            "$.faults[0].type", ScenarioRule.SecurityModel, "\"pooled\" builds no vaults" },
        { """{ "id": "w", "tick": 1, "type": "vault-withdrawal", "vault": "v", "fraction": 0.3 }""", "unique-stake",
            "$.faults[0].type", ScenarioRule.SecurityModel, "\"unique-stake\" builds no vaults" },
        { """{ "id": "w", "tick": 1, "type": "withdrawal-wave", "operators": "all", "fraction": 0.3, "vault": "v" }""", "pooled",
            "$.faults[0].vault", ScenarioRule.FaultField, "'vault' does not apply to withdrawal-wave faults" },
    };

    [Theory]
    [MemberData(nameof(WithdrawalMistakes))]
    public void A_mistake_in_a_vault_withdrawal_is_reported_at_its_path_with_its_rule(string fault, string model, string path, string rule, string message)
    {
        var load = Load(OneVault, model, $"[ {fault} ]");

        Assert.False(load.IsValid);
        Assert.True(load.Errors.Any(e => e.Path == path && e.Rule == rule && e.Message.Contains(message, StringComparison.Ordinal)),
            $"expected {path} [{rule}] '{message}' among:\n{string.Join("\n", load.Errors)}");
    }

    [Fact]
    public void Epoch_ticks_below_one_are_out_of_range()
    {
        var error = Assert.Single(Load("""[ { "id": "v", "operators": [ "op-a" ], "epochTicks": 0 } ]""").Errors);
        Assert.Equal(("$.vaults[0].epochTicks", ScenarioRule.Range), (error.Path, error.Rule));
    }
}

/// <summary>The vault-limit fault and the veto slasher's vetoAfterTicks: what loads, and each mistake at its path with its rule.</summary>
public class VaultLimitScenarioTests
{
    private static readonly HashSet<string> Kinds = ["bridge", "oracle", "da-layer"];

    /// <summary>op-a secures oracle-1, op-b oracle-1 and da-1, op-c da-1; vault v holds op-a and op-b (epochs of 3 ticks).
    /// oracle-1 has the given slasher.</summary>
    private static ScenarioLoadResult Load(string faults, string model = "symbiotic-full-restake", string vaultExtra = "",
        string slasher = """{ "type": "veto", "vetoTicks": 2, "resolver": "vetoes-rogue" }""") => ScenarioLoader.LoadFromText("vault-limit.json", $$"""
        { "name": "vault-limit", "seed": 1, "ticks": { "count": 10, "seconds": 86400 }, "securityModel": "{{model}}",
          "baseChain": { "totalActiveBalanceEth": 1000000 },
          "services": [ { "id": "oracle-1", "kind": "oracle", "valueAtRiskEth": 100, "slasher": {{slasher}} },
                        { "id": "da-1", "kind": "da-layer", "valueAtRiskEth": 100 }, { "id": "bridge-1", "kind": "bridge", "valueAtRiskEth": 100 } ],
          "operators": [
            { "id": "op-a", "allocations": [ { "service": "oracle-1", "magnitude": 0.5 } ] },
            { "id": "op-b", "allocations": [ { "service": "oracle-1", "magnitude": 0.2 }, { "service": "da-1", "magnitude": 0.3 } ] },
            { "id": "op-c", "allocations": [ { "service": "da-1", "magnitude": 0.4 }, { "service": "bridge-1", "magnitude": 0.1 } ] } ],
          "stakers": [ { "id": "s-a", "operator": "op-a", "asset": "eth", "amountEth": 100 } ],
          "vaults": [ { "id": "v", "operators": [ "op-a", "op-b" ], "epochTicks": 3 {{vaultExtra}} } ], "faults": {{faults}} }
        """, Kinds);

    [Fact]
    public void A_vault_limit_and_a_late_resolver_load()
    {
        var load = Load("""
            [ { "id": "cut", "tick": 2, "type": "vault-limit", "vault": "v", "service": "da-1", "limitEth": 0 },
              { "id": "cut-a", "tick": 3, "type": "vault-limit", "vault": "v", "service": "oracle-1", "operator": "op-a", "limitEth": 12.5 } ]
            """, slasher: """{ "type": "veto", "vetoTicks": 2, "resolver": "vetoes-all", "vetoAfterTicks": 2 }""");
        Assert.True(load.IsValid, string.Join("\n", load.Errors));
        var faults = load.Scenario!.Faults;
        Assert.Equal((FaultType.VaultLimit, "v", "da-1", (string?)null, 0L), (faults[0].Type, faults[0].Vault, faults[0].Service, faults[0].Operator, faults[0].LimitGwei!.Value));
        Assert.Equal(("op-a", 12_500_000_000L), (faults[1].Operator, faults[1].LimitGwei!.Value));
        Assert.Equal(new SlasherSpec(SlasherType.Veto, 2, VetoResolver.VetoesAll, 2), load.Scenario.Services[0].Slasher);
        // vetoAfterTicks defaults to 0: the resolver vetoes in the request's tick, as before.
        Assert.Equal(0, Load("[]").Scenario!.Services[0].Slasher!.VetoAfterTicks);
    }

    public static readonly TheoryData<string, string, string, string, string> Mistakes = new()
    {
        { """{ "id": "f", "tick": 1, "type": "vault-limit", "vault": "v", "service": "oracle-9", "limitEth": 1 }""", "symbiotic-full-restake",
            "$.faults[0].service", ScenarioRule.UnknownReference, "'oracle-9'" },
        { """{ "id": "f", "tick": 1, "type": "vault-limit", "vault": "v", "service": "bridge-1", "limitEth": 1 }""", "symbiotic-full-restake",
            "$.faults[0].service", ScenarioRule.NotSecuring, "'bridge-1': no operator of vault 'v' secures it" },
        { """{ "id": "f", "tick": 1, "type": "vault-limit", "vault": "v", "service": "da-1", "operator": "op-c", "limitEth": 1 }""", "symbiotic-full-restake",
            "$.faults[0].operator", ScenarioRule.VaultMembership, "'op-c' is not an operator of vault 'v'" },
        { """{ "id": "f", "tick": 1, "type": "vault-limit", "vault": "v", "service": "da-1", "operator": "op-z", "limitEth": 1 }""", "symbiotic-full-restake",
            "$.faults[0].operator", ScenarioRule.UnknownReference, "'op-z'" },
        { """{ "id": "f", "tick": 1, "type": "vault-limit", "vault": "v", "service": "da-1", "limitEth": 1, "fraction": 0.5 }""", "symbiotic-full-restake",
            "$.faults[0].fraction", ScenarioRule.FaultField, "'fraction' does not apply to vault-limit faults" },
        { """{ "id": "f", "tick": 1, "type": "vault-limit", "service": "da-1", "limitEth": 1 }""", "symbiotic-full-restake",
            "$.faults[0].vault", ScenarioRule.FaultField, "vault-limit faults need 'vault'" },
        { """{ "id": "f", "tick": 1, "type": "vault-limit", "vault": "v", "service": "da-1", "limitEth": 1 }""", "pooled",
            "$.faults[0].type", ScenarioRule.SecurityModel, "\"pooled\" builds no vaults" },
        { """{ "id": "f", "tick": 1, "type": "reallocate", "operator": "op-a", "service": "oracle-1", "magnitude": 0.1, "limitEth": 1 }""", "unique-stake",
            "$.faults[0].limitEth", ScenarioRule.FaultField, "'limitEth' does not apply to reallocate faults" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_mistake_in_a_vault_limit_is_reported_at_its_path_with_its_rule(string fault, string model, string path, string rule, string message)
    {
        var load = Load($"[ {fault} ]", model);

        Assert.False(load.IsValid);
        Assert.True(load.Errors.Any(e => e.Path == path && e.Rule == rule && e.Message.Contains(message, StringComparison.Ordinal)),
            $"expected {path} [{rule}] '{message}' among:\n{string.Join("\n", load.Errors)}");
    }

    [Fact]
    public void The_operator_of_a_vault_limit_is_checked_again_when_the_model_is_overridden()
    {
        // Valid under full restake (the vault takes the model's delegator); run under network restake the same file would ask a
        // NetworkRestakeDelegator for an operator-network limit: FaultModelRules.Check (restaking run --security-model) refuses it.
        var load = Load("""[ { "id": "f", "tick": 1, "type": "vault-limit", "vault": "v", "service": "oracle-1", "operator": "op-a", "limitEth": 1 } ]""");
        Assert.True(load.IsValid, string.Join("\n", load.Errors));
        var error = Assert.Single(FaultModelRules.Check(load.Scenario! with { SecurityModel = SecurityModel.SymbioticNetworkRestake }, "f.json"));
        Assert.Equal(("$.faults[0].operator", ScenarioRule.SecurityModel), (error.Path, error.Rule));
        Assert.Empty(FaultModelRules.Check(load.Scenario!, "f.json"));
    }

    [Theory]
    [InlineData("""{ "type": "instant", "vetoAfterTicks": 1 }""", "$.services[0].slasher.vetoAfterTicks", ScenarioRule.SlasherField, "applies only to a veto slasher")]
    [InlineData("""{ "type": "veto", "vetoTicks": 2, "resolver": "vetoes-rogue", "vetoAfterTicks": -1 }""", "$.services[0].slasher.vetoAfterTicks", ScenarioRule.Range, "must be between 0 and 1000000")]
    [InlineData("""{ "type": "veto", "vetoTicks": 3, "resolver": "vetoes-rogue" }""", "$.vaults[0].epochTicks", ScenarioRule.VetoWindow, "(vetoTicks 3)")]
    public void A_late_resolver_or_a_window_as_long_as_the_epoch_is_refused(string slasher, string path, string rule, string message)
    {
        var load = Load("[]", slasher: slasher);

        Assert.False(load.IsValid);
        Assert.True(load.Errors.Any(e => e.Path == path && e.Rule == rule && e.Message.Contains(message, StringComparison.Ordinal)),
            $"expected {path} [{rule}] '{message}' among:\n{string.Join("\n", load.Errors)}");
    }
}
