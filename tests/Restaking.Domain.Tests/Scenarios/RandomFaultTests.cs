using System.Text.Json;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Scenarios;

/// <summary>
/// Random faults drawn per trial (docs/random-faults.md): hazard rates per tick per service kind, keyed by
/// (seed, purpose, service, tick), so a seed reproduces its trial's faults exactly and summary.json lists what fired.
/// </summary>
public class RandomFaultTests
{
    private const string Hazard = """
        "randomFaults": [ { "id": "oracle-bug", "type": "rogue-service", "serviceKind": "oracle", "probabilityPerTick": 0.002, "fraction": 0.05 } ],
          "faults": [
        """;

    private static Scenario Load(ulong? seed = null)
    {
        var scenario = ShippedScenario.Load("quickstart.json", text => ShippedScenario.Replace(text, "\"faults\": [", Hazard)
            .Replace("\"count\": 30,", "\"count\": 365,", StringComparison.Ordinal));
        return seed is { } s ? scenario with { Seed = s } : scenario;
    }

    private static List<FaultSpec> Fired(Scenario scenario) =>
        ScenarioExpansion.Expand(scenario).Scenario.Faults.Where(f => f.Id.StartsWith("oracle-bug@", StringComparison.Ordinal)).ToList();

    [Fact]
    public void A_seed_draws_the_same_faults_and_another_seed_others()
    {
        var scenario = Load();
        Assert.Single(scenario.RandomFaults);
        var first = Fired(scenario);
        Assert.Equal(first.Select(f => f.Id), Fired(Load()).Select(f => f.Id));
        // Different seeds draw different faults (over 200 seeds, not all alike) at the expected rate.
        var bySeed = Enumerable.Range(1, 200).Select(s => Fired(Load((ulong)s))).ToList();
        Assert.True(bySeed.Select(f => string.Join(",", f.Select(x => x.Id))).Distinct().Count() > 10);
        int oracles = ScenarioExpansion.Expand(scenario).Services.Count(s => s.Kind == "oracle");
        Assert.True(oracles > 0);
        double expected = 200 * 365 * oracles * 0.002, drawn = bySeed.Sum(f => f.Count);
        Assert.InRange(drawn, expected * 0.6, expected * 1.4);
        Assert.All(bySeed.SelectMany(f => f), f =>
        {
            Assert.Equal(FaultType.RogueService, f.Type);
            Assert.Equal(Wad.FromDecimal(0.05m), f.FractionWad);
            Assert.Equal($"oracle-bug@{f.Service}@{f.Tick}", f.Id);
        });
    }

    [Fact]
    public void The_draw_is_keyed_by_seed_purpose_service_and_tick()
    {
        var scenario = Load(7);
        var services = ScenarioExpansion.Expand(scenario).Services;
        var rng = new DeterministicRandom(7);
        ulong purpose = DeterministicRandom.Purpose("random-fault:oracle-bug");
        var expected = new List<string>();
        for (int t = 0; t < 365; t++)
            for (int s = 0; s < services.Count; s++)
                if (services[s].Kind == "oracle" && rng.NextUnit(purpose, (ulong)s, (ulong)t) < 0.002)
                    expected.Add($"oracle-bug@{services[s].Id}@{t}");
        Assert.Equal(expected, Fired(scenario).Select(f => f.Id));
    }

    [Fact]
    public void Summary_lists_the_faults_that_fired_and_they_cause_events()
    {
        // A seed with at least one fault fired.
        var seed = Enumerable.Range(1, 50).Select(s => (ulong)s).First(s => Fired(Load(s)).Count > 0);
        var scenario = Load(seed);
        var result = ShippedScenario.Run(scenario);
        var again = ShippedScenario.Run(scenario);
        Assert.Equal(result.SummaryJson, again.SummaryJson);
        Assert.Equal(result.EventLines, again.EventLines);
        var listed = ShippedScenario.Summary(result).GetProperty("randomFaultsFired").EnumerateArray()
            .Select(f => f.GetProperty("id").GetString()).ToList();
        Assert.Equal(Fired(scenario).Select(f => f.Id), listed);
        var causes = ShippedScenario.Events(result).Select(e => e.GetProperty("cause").GetString()).ToHashSet();
        Assert.Contains(listed[0], causes);
        // Without random faults the summary has no such block.
        Assert.False(ShippedScenario.Summary(ShippedScenario.Run("quickstart.json")).TryGetProperty("randomFaultsFired", out _));
    }

    [Fact]
    public void A_random_fault_of_another_type_or_unknown_kind_is_an_error()
    {
        var text = ShippedScenario.Text("quickstart.json");
        var bad = ShippedScenario.Replace(text, "\"faults\": [",
            "\"randomFaults\": [ { \"id\": \"x\", \"type\": \"operator-equivocation\", \"serviceKind\": \"no-such-kind\", \"probabilityPerTick\": 0.1, \"fraction\": 0.1 } ],\n  \"faults\": [");
        var load = ScenarioLoader.LoadFromText("bad.json", bad, Restaking.ServiceKinds.BuiltInKinds.Registry().Names);
        Assert.False(load.IsValid);
        var errors = string.Join("\n", load.Errors);
        Assert.Contains("$.randomFaults[0].type", errors);
        Assert.Contains("$.randomFaults[0].serviceKind", errors);
    }
}
