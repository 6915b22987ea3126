using Restaking.Domain.Engine;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Scenarios;

/// <summary>
/// Reallocate faults that name a service the operator has no allocation for (AllocationManager.modifyAllocations to a new
/// operator set, then registerForOperatorSets): what the loader accepts and refuses, and the edge the expanded world lays down.
/// op-a allocates 0.5 to svc-a and nothing to svc-b at tick 0.
/// </summary>
public class ReallocationEdgeTests
{
    private static readonly ServiceKindRegistry Kinds = Restaking.ServiceKinds.BuiltInKinds.Registry();

    private static string World(string faults, string model = "unique-stake") => $$"""
        { "name": "edges", "seed": 1, "ticks": { "count": 30, "seconds": 86400 }, "securityModel": "{{model}}",
          "baseChain": { "totalActiveBalanceEth": 1000000 },
          "services": [ { "id": "svc-a", "kind": "oracle", "valueAtRiskEth": 10 }, { "id": "svc-b", "kind": "oracle", "valueAtRiskEth": 10 } ],
          "operators": [ { "id": "op-a", "allocations": [ { "service": "svc-a", "magnitude": 0.5 } ] },
                         { "id": "op-b", "allocations": [ { "service": "svc-a", "magnitude": 0.4 }, { "service": "svc-b", "magnitude": 0.5 } ] } ],
          "stakers": [ { "id": "s", "operator": "op-a", "asset": "eth", "amountEth": 32 }, { "id": "t", "operator": "op-b", "asset": "eth", "amountEth": 10 } ],
          "faults": [ {{faults}} ] }
        """;

    private static string Realloc(string id, int tick, string service, string magnitude, string op = "op-a") =>
        $$"""{ "id": "{{id}}", "tick": {{tick}}, "type": "reallocate", "operator": "{{op}}", "service": "{{service}}", "magnitude": {{magnitude}} }""";

    private static ScenarioLoadResult Load(string faults, string model = "unique-stake") =>
        ScenarioLoader.LoadFromText("edges.json", World(faults, model), Kinds.Names);

    [Fact]
    public void A_reallocate_to_a_new_service_loads_and_the_world_gives_the_operator_a_zero_allocation_there()
    {
        var load = Load(Realloc("join", 2, "svc-b", "0.5"));
        Assert.True(load.IsValid, string.Join("\n", load.Errors));
        var spec = ScenarioExpansion.Expand(load.Scenario!);
        // op-a now lists svc-b (index 1) beside svc-a, with nothing allocated until the fault's allocation takes effect.
        Assert.Equal([0, 1], spec.OperatorServices[0]);
        Assert.Equal([Wad.One / 2, 0], spec.OperatorAllocations[0]);
        Assert.Equal([0, 1], spec.OperatorServices[1]);

        // Both engines route through the world: svc-b knows op-a from tick 0, and sees no stake from it yet.
        var world = Domain.Engine.World.Build(spec, Kinds);
        Assert.Equal([0, 1], world.Services[1].Operators);
        Assert.Equal(0, world.Operators[0].Securing()[1].StakeGwei);
        Assert.Equal(5 * Gwei.PerEth, world.Services[1].SecuringStakeGwei);   // op-b's 10 ETH × 0.5, and 0 from op-a
    }

    [Fact]
    public void Only_unique_stake_lays_the_edge_down()
    {
        // The loader refuses the fault under the other models (also when --security-model overrides the file's); a world
        // expanded anyway keeps the allocations as written: a zero allocation under pooled restake would still be an edge.
        var scenario = Load(Realloc("join", 2, "svc-b", "0.5")).Scenario!;
        var pooled = ScenarioExpansion.Expand(scenario.WithOverrides(null, null, SecurityModel.Pooled));
        Assert.Equal([0], pooled.OperatorServices[0]);

        var refused = Load(Realloc("join", 2, "svc-b", "0.5"), "pooled");
        var error = Assert.Single(refused.Errors);
        Assert.Equal(("$.faults[0].type", ScenarioRule.SecurityModel), (error.Path, error.Rule));
    }

    [Fact]
    public void A_magnitude_that_cannot_fit_beside_the_other_allocations_is_refused()
    {
        // 0.5 on svc-a + 0.6 on svc-b = 1.1 > 1: modifyAllocations reverts (InsufficientMagnitude) whatever comes first.
        var load = Load(Realloc("join", 2, "svc-b", "0.6"));
        var error = Assert.Single(load.Errors);
        Assert.Equal(("$.faults[0].magnitude", ScenarioRule.AllocationSum), (error.Path, error.Rule));
        Assert.Equal("edges.json: $.faults[0].magnitude: operator 'op-a' still holds at least 0.5 of its max magnitude on its other services at tick 2 "
            + "(a decrease frees magnitude only after the deallocation delay), so 0.6 for 'svc-b' adds up to 1.1, more than 1: "
            + "modifyAllocations would revert (InsufficientMagnitude) [allocation-sum]", error.ToString());

        // An earlier decrease of svc-a to 0.1 may have freed enough (with a short enough delay), whatever the list order;
        // one in the same tick cannot have (the deallocation delay is at least a tick).
        Assert.True(Load(Realloc("join", 2, "svc-b", "0.6") + ", " + Realloc("leave", 1, "svc-a", "0.1")).IsValid);
        Assert.Equal(["$.faults[1].magnitude"],
            Load(Realloc("leave", 2, "svc-a", "0.1") + ", " + Realloc("join", 2, "svc-b", "0.6")).Errors.Select(e => e.Path));
        // The same bound holds for a service the operator already allocates to: op-b's 0.5 on svc-b leaves at most 0.5 for svc-a.
        Assert.True(Load(Realloc("more", 3, "svc-a", "0.5", "op-b")).IsValid);
        Assert.Equal(["$.faults[0].magnitude"], Load(Realloc("more", 3, "svc-a", "0.6", "op-b")).Errors.Select(e => e.Path));
    }

    [Fact]
    public void An_equivocation_may_name_the_edge_from_the_tick_its_reallocate_opens_it()
    {
        const string equivocation = """{ "id": "eq", "tick": TICK, "type": "operator-equivocation", "operator": "op-a", "service": "svc-b" }""";
        Assert.True(Load(equivocation.Replace("TICK", "2") + ", " + Realloc("join", 2, "svc-b", "0.5")).IsValid);
        var early = Assert.Single(Load(equivocation.Replace("TICK", "1") + ", " + Realloc("join", 2, "svc-b", "0.5")).Errors);
        Assert.Equal(("$.faults[0].service", ScenarioRule.NotSecuring), (early.Path, early.Rule));
        Assert.Contains("only from tick 2", early.Message);
        Assert.Contains("does not allocate", Assert.Single(Load(equivocation.Replace("TICK", "1")).Errors).Message);
    }
}
