using Microsoft.Extensions.DependencyInjection;
using Restaking.Contracts;
using Restaking.Grains.Runs;
using Restaking.Grains.Tests.Plugins;
using Restaking.Grains.Tests.Support;

namespace Restaking.Grains.Tests;

/// <summary>
/// The Orleans engine on a three-silo cluster: entity grains spread over the silos, so cascade batches, round
/// reports and final states cross silos through the serializer (Domain types through the Contracts surrogates).
/// </summary>
public sealed class ThreeSiloTests(ThreeSiloFixture cluster) : IClassFixture<ThreeSiloFixture>
{
    [Theory]
    [InlineData("quickstart.json")]
    [InlineData("dr24-tight.json")] // mainnet-2025: below, with its placement
    [InlineData("withdrawal-wave.json")] // queued withdrawals and pending allocations on operators spread over the silos
    [InlineData("operator-migration.json")] // an edge opened (and one closed) mid-run by reallocations, seen by services and the adversary on other silos
    [InlineData("ezeth-2024-04-24-venues.json")] // venue prices to lending oracles, liquidator books and venue figures across silos
    [InlineData("late-deposits.json")] // stakers' deposits and own withdrawals reach operators on any silo; cohorts in the final states
    [InlineData("plugins/shared-sequencer.json")] // a plug-in kind (generic service grain): its fault, its halt of a token's redemptions
    [InlineData("plugins/price-oracle.json")] // a plug-in kind watching a token and reporting a false price to a lending market
    [InlineData("slash-escrow.json")] // redistributed slashes from operators on several silos, escrowed and released in the summary
    public async Task Three_silos_give_the_reference_timeline_summary_and_events_byte_for_byte(string file)
    {
        var scenario = ScenarioText.Shipped(file);
        var expected = ReferenceRuns.Of(scenario);

        var outcome = await cluster.Engine.RunAsync(scenario.NewRun(), cancellation: TestContext.Current.CancellationToken);

        SameOutputs.Assert(expected, outcome, file + " on three silos");
    }

    /// <summary>One shock under each security model, the model chosen by the run's override as <c>--security-model</c>
    /// does: the override reaches every silo's world, and the Symbiotic slashes cross silos like the others. In
    /// symbiotic-vaults.json the slashes go through a shared vault's grain, which answers every operator of the vault; in
    /// symbiotic-withdrawals.json that grain also holds withdrawals across epochs and is woken to release them; in
    /// symbiotic-capture.json it measures slashes at their capture tick and takes a curator's limit change.</summary>
    [Theory]
    [InlineData("security-models.json", "pooled")]
    [InlineData("security-models.json", "unique-stake")]
    [InlineData("security-models.json", "symbiotic-full-restake")]
    [InlineData("security-models.json", "symbiotic-network-restake")]
    [InlineData("symbiotic-vaults.json", "symbiotic-full-restake")]
    [InlineData("symbiotic-vaults.json", "symbiotic-network-restake")]
    [InlineData("symbiotic-withdrawals.json", "symbiotic-full-restake")]      // pending vault withdrawals slashed and claimed
    [InlineData("symbiotic-withdrawals.json", "symbiotic-network-restake")]
    [InlineData("symbiotic-capture.json", "symbiotic-full-restake")]         // captured slashes, curator limits and late vetoes
    [InlineData("symbiotic-capture.json", "symbiotic-network-restake")]
    [InlineData("redistribution-capture.json", "unique-stake")]   // the adversary slashes through the captured service's operators
    [InlineData("redistribution-capture.json", "pooled")]         // … a round before the other attacked services punish
    [InlineData("slash-escrow.json", "pooled")]                   // escrowed slashes of whole securing stakes
    public async Task Each_security_model_gives_the_reference_outputs_on_three_silos(string file, string model)
    {
        var scenario = ScenarioText.Shipped(file) with { SecurityModel = model };
        var expected = ReferenceRuns.Of(scenario);
        Assert.Contains($"\"securityModel\": \"{model}\"", expected.SummaryJson);

        var outcome = await cluster.Engine.RunAsync(scenario.NewRun(), cancellation: TestContext.Current.CancellationToken);

        SameOutputs.Assert(expected, outcome, $"{file} under {model} on three silos");
    }

    /// <summary>Quiet ticks (docs/architecture.md, "Quiet ticks"): quickstart.json over a year of days — a long tail of
    /// ticks nobody is called in — and ezeth-2024-04-24-venues.json with five times its ticks, whose markets go idle once
    /// their queues drain: the coordinator's driver skips the same ticks and leaves out the same markets as the reference.</summary>
    [Theory]
    [InlineData("quickstart.json", "\"count\": 30", "\"count\": 365")]
    [InlineData("ezeth-2024-04-24-venues.json", "\"count\": 144", "\"count\": 720")]
    public async Task Quiet_ticks_give_the_reference_outputs_on_three_silos(string file, string from, string to)
    {
        var shipped = ScenarioText.Shipped(file);
        Assert.Contains(from, shipped.Json, StringComparison.Ordinal);
        var scenario = shipped with { Json = shipped.Json.Replace(from, to, StringComparison.Ordinal) };
        var expected = ReferenceRuns.Of(scenario);

        var outcome = await cluster.Engine.RunAsync(scenario.NewRun(), cancellation: TestContext.Current.CancellationToken);

        SameOutputs.Assert(expected, outcome, $"{file} with {to} on three silos");
    }

    /// <summary>veto-slasher.json with oracle-1's resolver as shipped and switched: requests wait across ticks in service
    /// grains on any silo, and the coordinator wakes them from their reported due tick.</summary>
    [Theory]
    [InlineData("vetoes-rogue")]
    [InlineData("none")]
    [InlineData("vetoes-all")]
    public async Task Veto_slasher_gives_the_reference_outputs_on_three_silos_under_each_resolver(string resolver)
    {
        var shipped = ScenarioText.Shipped("veto-slasher.json");
        var scenario = shipped with { Json = shipped.Json.Replace("\"resolver\": \"vetoes-rogue\"", $"\"resolver\": \"{resolver}\"", StringComparison.Ordinal) };
        var expected = ReferenceRuns.Of(scenario);
        Assert.Contains(expected.EventLines, line => line.Contains($"\"resolver={resolver};", StringComparison.Ordinal));

        var outcome = await cluster.Engine.RunAsync(scenario.NewRun(), cancellation: TestContext.Current.CancellationToken);

        SameOutputs.Assert(expected, outcome, $"veto-slasher.json with resolver {resolver} on three silos");
    }

    [Fact]
    public async Task Mainnet_on_three_silos_spreads_its_operators_over_every_silo_and_gives_the_reference_outputs()
    {
        // ~1,900 operators, kept so the finished run's placement is still visible. Random placement gives each silo a
        // third of them (± ~20); placement that prefers the caller's silo would put nearly all beside the coordinator,
        // and the comparison would say little about cross-silo delivery.
        var scenario = ScenarioText.Shipped("mainnet-2025.json");
        var run = scenario.NewRun(keepGrains: true);

        var outcome = await cluster.Engine.RunAsync(run, cancellation: TestContext.Current.CancellationToken);

        SameOutputs.Assert(ReferenceRuns.Of(scenario), outcome, "mainnet-2025.json on three silos");
        var operators = (await RunActivations.Of(cluster.Client, run.RunId)).Where(a => a.GrainClass == typeof(OperatorGrain).FullName).ToList();
        var perSilo = operators.GroupBy(a => a.Silo).ToDictionary(g => g.Key, g => g.Count());
        string placement = string.Join("; ", perSilo.Select(p => $"{p.Key}: {p.Value}"));
        TestContext.Current.TestOutputHelper?.WriteLine("operators per silo: " + placement);
        Assert.Equal(ReferenceRuns.Of(scenario).FinalWorld.Operators.Count, operators.Count);
        Assert.True(perSilo.Count == ThreeSiloFixture.Silos, "operators on fewer than three silos: " + placement);
        Assert.True(perSilo.Values.All(n => n >= operators.Count / 4), "a silo has under a quarter of the operators: " + placement);
    }

    [Fact]
    public Task A_plug_in_kind_gives_the_reference_outputs_on_three_silos_as_its_own_grain_class() =>
        SequencerRuns.AssertRunsAsItsOwnGrainClass(cluster.Engine, cluster.Client, "on three silos");

    [Fact]
    public async Task A_finished_runs_grains_deactivate_and_every_silo_forgets_its_world_unless_the_run_keeps_them()
    {
        // Tests of this class run one at a time: other runs' worlds (kept runs) do not change while this one goes.
        var worldsBefore = WorldsPerSilo();
        var run = ScenarioText.Shipped("quickstart.json").NewRun();
        await cluster.Engine.RunAsync(run, cancellation: TestContext.Current.CancellationToken);

        // Deactivation is asynchronous (DeactivateOnIdle): wait for it, within a bound. The coordinator goes too.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        IReadOnlyList<RunActivation> left;
        while ((left = await RunActivations.Of(cluster.Client, run.RunId, coordinator: true)).Count > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.True(left.Count == 0, $"{left.Count} grains of a finished run are still active: "
            + string.Join(' ', left.Select(a => a.EntityId.Length == 0 ? "(coordinator)" : a.EntityId)));
        // Each silo built the run's world for the grains it hosted; the last of them let go of it.
        Assert.Equal(worldsBefore, WorldsPerSilo());
    }

    /// <summary>How many run worlds each silo holds.</summary>
    private int[] WorldsPerSilo() =>
        cluster.Cluster.Silos.Select(s => cluster.Cluster.GetSiloServiceProvider(s.SiloAddress).GetRequiredService<RunWorlds>().Count).ToArray();
}
