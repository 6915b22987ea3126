using System.Text.Json;
using Restaking.Domain.Engine;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;

namespace Restaking.Domain.Tests.Engine;

/// <summary>What the small shipped scenarios are meant to show, checked through the reference engine.</summary>
public class ShippedScenarioTests
{
    private static readonly ServiceKindRegistry Kinds = Restaking.ServiceKinds.BuiltInKinds.Registry();

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

    /// <summary>veto-slasher.json with oracle-1's resolver (or its whole slasher) replaced.</summary>
    private static Func<Scenario, Scenario> OracleSlasher(SlasherSpec slasher, SecurityModel? model = null) => s => s with
    {
        Services = s.Services.Select(x => x.Id == "oracle-1" ? x with { Slasher = slasher } : x).ToList(),
        SecurityModel = model ?? s.SecurityModel,
    };

    private static SlasherSpec Veto(VetoResolver resolver) => new(SlasherType.Veto, 2, resolver);

    private static long Slashed(JsonElement summary, string reason) => summary.GetProperty("slashedGwei").GetProperty(reason).GetInt64();

    [Fact]
    public void Veto_slasher_stops_the_rogue_oracle_while_its_resolver_vetoes_it()
    {
        const long Eth = Units.Gwei.PerEth;
        // As shipped (resolver vetoes-rogue, symbiotic-full-restake): the rogue requests are vetoed, nothing leaves
        // oracle-1's operators for them. What is slashed: op-f's equivocation on da-1 at tick 0 (10 % of 8,000 = 800,
        // redistributed), and op-d's on oracle-1 at tick 3 (50 % of 7,000 = 3,500), executed after the 2-tick window.
        var (shipped, summary) = Run("veto-slasher.json");
        Assert.Equal(0, Slashed(summary, "rogue_service"));
        Assert.Equal(4_300 * Eth, Slashed(summary, "total"));
        Assert.Empty(summary.GetProperty("servicesCompromised").EnumerateArray());
        var late = shipped.EventLines.Select(l => JsonDocument.Parse(l).RootElement)
            .Single(e => e.GetProperty("kind").GetString() == "slash" && e.GetProperty("source").GetString() == "oracle-1");
        Assert.Equal((5, 3_500 * Eth, "op-d-equivocates-on-oracle-1"),
            (late.GetProperty("tick").GetInt32(), late.GetProperty("amount_gwei").GetInt64(), late.GetProperty("cause").GetString()));
        var destinations = summary.GetProperty("slashDestinations");
        Assert.Equal(3_500 * Eth, destinations.GetProperty("burnedGwei").GetInt64());
        Assert.Equal(800 * Eth, destinations.GetProperty("redistributedGwei").GetInt64());
        var recipient = Assert.Single(destinations.GetProperty("recipients").EnumerateArray());
        Assert.Equal("da-1-insurance-fund", recipient.GetProperty("id").GetString());
        Assert.Equal(800 * Eth, recipient.GetProperty("gwei").GetInt64());
        Assert.Equal(["da-1"], recipient.GetProperty("services").EnumerateArray().Select(e => e.GetString()));

        // No resolver: each request executes at once, as security-models.json's full-restake row: op-a 9,000, op-b 12,000,
        // op-d 7,000 and op-f 7,200 (8,000 − 800) are slashed whole, and the adversary takes the unsecured oracle-1.
        var (_, none) = Run("veto-slasher.json", OracleSlasher(Veto(VetoResolver.None)));
        Assert.Equal(35_200 * Eth, Slashed(none, "rogue_service"));
        Assert.Equal(36_000 * Eth, Slashed(none, "total"));
        Assert.Equal(["oracle-1"], none.GetProperty("servicesCompromised").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(35_200 * Eth, none.GetProperty("slashDestinations").GetProperty("burnedGwei").GetInt64());

        // A resolver that vetoes everything: only da-1's slash is left.
        var (_, all) = Run("veto-slasher.json", OracleSlasher(Veto(VetoResolver.VetoesAll)));
        Assert.Equal(800 * Eth, Slashed(all, "total"));
    }

    [Theory]
    [InlineData(SecurityModel.Pooled)]
    [InlineData(SecurityModel.UniqueStake)]
    [InlineData(SecurityModel.SymbioticFullRestake)]
    [InlineData(SecurityModel.SymbioticNetworkRestake)]
    public void Under_every_model_no_resolver_slashes_what_the_instant_slasher_does_and_vetoes_rogue_stops_the_rogue(SecurityModel model)
    {
        var (_, instant) = Run("veto-slasher.json", OracleSlasher(new SlasherSpec(SlasherType.Instant), model));
        var (_, none) = Run("veto-slasher.json", OracleSlasher(Veto(VetoResolver.None), model));
        var (_, rogue) = Run("veto-slasher.json", OracleSlasher(Veto(VetoResolver.VetoesRogue), model));

        Assert.True(Slashed(instant, "rogue_service") > 0);
        Assert.Equal(instant.GetProperty("slashedGwei").GetRawText(), none.GetProperty("slashedGwei").GetRawText());
        Assert.Equal(instant.GetProperty("servicesCompromised").GetRawText(), none.GetProperty("servicesCompromised").GetRawText());
        Assert.Equal(0, Slashed(rogue, "rogue_service"));
    }

    [Fact]
    public void Summaries_without_a_redistributing_service_have_no_slash_destinations()
    {
        var (_, quickstart) = Run("quickstart.json");
        Assert.False(quickstart.TryGetProperty("slashDestinations", out _));
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
