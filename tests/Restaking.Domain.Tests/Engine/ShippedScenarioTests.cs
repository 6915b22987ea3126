using System.Text.Json;
using Restaking.Domain.Engine;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;

namespace Restaking.Domain.Tests.Engine;

/// <summary>What the small shipped scenarios are meant to show, checked through the reference engine.</summary>
public class ShippedScenarioTests
{
    private static readonly ServiceKindRegistry Kinds = ServiceKindRegistry.CreateDefault();

    private static (RunResult Result, JsonElement Summary) Run(string name, Func<Scenario, Scenario>? change = null)
    {
        var load = ScenarioLoader.Load(RepositoryFiles.Scenario(name), Kinds.Names);
        Assert.True(load.IsValid, string.Join("\n", load.Errors));
        var scenario = change is null ? load.Scenario! : change(load.Scenario!);
        var result = new ReferenceEngine(Kinds).Run(scenario);
        return (result, JsonDocument.Parse(result.SummaryJson).RootElement.Clone());
    }

    private static decimal Dec(JsonElement e, string name) =>
        decimal.Parse(e.GetProperty(name).GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Dr24_tight_reaches_at_least_90_percent_of_the_bound_without_breaking_it()
    {
        var (_, summary) = Run("dr24-tight.json");
        var dr24 = summary.GetProperty("dr24");
        Assert.Equal("exact", dr24.GetProperty("gammaMethod").GetString());
        decimal gamma = Dec(dr24, "gamma"), psi = Dec(dr24, "psi"), loss = Dec(dr24, "totalLoss"), bound = Dec(dr24, "bound");
        Assert.True(gamma > 0, "the initial network must be γ-slack for some γ > 0");
        Assert.True(psi > 0 && psi < 0.2m, $"the shock is a small share of stake (ψ = {psi})");
        Assert.True(summary.GetProperty("attacks").GetInt32() > 0, "the shock must set off an attack");
        // Theorem 1 holds (R < bound) and the construction is tight (R ≥ 0.9 · bound).
        Assert.True(loss < bound, $"R = {loss} must stay below the bound {bound}");
        Assert.True(Dec(dr24, "lossToBound") >= 0.9m, $"R / bound = {Dec(dr24, "lossToBound")}");
    }

    [Fact]
    public void Quickstart_shows_a_cascade_from_one_equivocation_to_the_lrt()
    {
        var (result, summary) = Run("quickstart.json");
        var events = result.EventLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var fromEquivocation = events.Where(e => e.GetProperty("cause").GetString() == "op-a-equivocates").ToList();
        // One fault: a slash, then an attack, then a drain of the wrapped token, each deeper than the last.
        int Depth(string kind) => fromEquivocation.Where(e => e.GetProperty("kind").GetString() == kind).Min(e => e.GetProperty("depth").GetInt32());
        Assert.True(Depth("slash") < Depth("attack"));
        Assert.True(Depth("attack") < Depth("compromise"));
        Assert.True(Depth("compromise") < Depth("drain"));
        Assert.Contains("bridge-1", summary.GetProperty("servicesCompromised").EnumerateArray().Select(e => e.GetString()));
        var ezeth = summary.GetProperty("tokens").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "ezeth");
        Assert.True(Dec(ezeth, "finalNav") < 1m, "the LRT's NAV must fall with its operators");
        // The base-chain wave's correlation penalty lands 18 days after day 6, inside the 30-day run.
        Assert.Equal(0, summary.GetProperty("pendingCorrelationPenalties").GetInt32());
        Assert.Equal(2, events.Count(e => e.GetProperty("cause").GetString() == "steth-mass-slashing" && e.GetProperty("kind").GetString() == "penalty"));
    }

    [Fact]
    public void Unique_stake_contains_the_quickstart_shock_better_than_pooled()
    {
        var (_, pooled) = Run("quickstart.json");
        var (_, unique) = Run("quickstart.json", s => s with { SecurityModel = SecurityModel.UniqueStake });
        long Slashed(JsonElement s) => s.GetProperty("slashedGwei").GetProperty("total").GetInt64();
        // Under unique stake op-a's equivocation on the oracle only costs the magnitude allocated to the oracle.
        Assert.True(Slashed(unique) < Slashed(pooled), $"unique {Slashed(unique)} vs pooled {Slashed(pooled)}");
        Assert.True(unique.GetProperty("slashedGwei").GetProperty("equivocation").GetInt64() < pooled.GetProperty("slashedGwei").GetProperty("equivocation").GetInt64());
    }
}
