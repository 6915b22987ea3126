using Restaking.Contracts;
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
    [InlineData("dr24-tight.json")]
    [InlineData("mainnet-2025.json")]
    public async Task Three_silos_give_the_reference_timeline_summary_and_events_byte_for_byte(string file)
    {
        var scenario = ScenarioText.Shipped(file);
        var expected = ReferenceRuns.Of(scenario);

        var outcome = await cluster.Engine.RunAsync(scenario.NewRun(), cancellation: TestContext.Current.CancellationToken);

        SameOutputs.Assert(expected, outcome, file + " on three silos");
    }

    [Fact]
    public async Task A_runs_entity_grains_activate_on_more_than_one_silo()
    {
        var run = ScenarioText.Shipped("quickstart.json").NewRun(keepGrains: true);
        await cluster.Engine.RunAsync(run, cancellation: TestContext.Current.CancellationToken);

        // The run keeps its grains, so the finished run's placement is still visible.
        var activations = await RunActivations.Of(cluster.Client, run.RunId);
        var perSilo = activations.GroupBy(a => a.Silo).ToDictionary(g => g.Key, g => g.Select(a => a.EntityId).Order(StringComparer.Ordinal).ToList());
        string placement = string.Join("; ", perSilo.Select(p => $"{p.Key}: {string.Join(' ', p.Value)}"));
        TestContext.Current.TestOutputHelper?.WriteLine("placement: " + placement);

        // quickstart: 4 operators, 3 services, 2 tokens, the base chain and the adversary.
        Assert.Equal(11, activations.Count);
        // Random placement: all 11 on one silo has probability 3 × 3^-11 ≈ 2e-5; a check on the 4 operators alone
        // would fail 1 run in 27, so the test looks at the run as a whole.
        Assert.True(perSilo.Count > 1, $"every entity grain of the run is on one silo: {placement}");
    }

    [Fact]
    public async Task A_plug_in_kind_gives_the_reference_outputs_on_three_silos_as_its_own_grain_class()
    {
        var scenario = SequencerScenario.Text;
        var run = scenario.NewRun(keepGrains: true);

        var outcome = await cluster.Engine.RunAsync(run, cancellation: TestContext.Current.CancellationToken);

        SameOutputs.Assert(ReferenceRuns.Of(scenario), outcome, "sequencer scenario on three silos");
        var classes = (await RunActivations.Of(cluster.Client, run.RunId)).ToDictionary(a => a.EntityId, a => a.GrainClass);
        Assert.Equal(typeof(SequencerGrain).FullName, classes["seq-1"]);
        Assert.Equal(typeof(SequencerGrain).FullName, classes["seq-2"]);
    }

    [Fact]
    public async Task A_finished_runs_grains_deactivate_unless_the_run_keeps_them()
    {
        var run = ScenarioText.Shipped("quickstart.json").NewRun();
        await cluster.Engine.RunAsync(run, cancellation: TestContext.Current.CancellationToken);

        // Deactivation is asynchronous (DeactivateOnIdle): wait for it, within a bound.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        IReadOnlyList<RunActivation> left;
        while ((left = await RunActivations.Of(cluster.Client, run.RunId)).Count > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.True(left.Count == 0, $"{left.Count} grains of a finished run are still active: {string.Join(' ', left.Select(a => a.EntityId))}");
    }
}
