using Restaking.Grains.Tests.Support;

namespace Restaking.Grains.Tests;

/// <summary>
/// Runs sharing one silo: grain keys carry the run id, so two runs never share an entity grain, a world or a stream.
/// Each is compared with the reference engine, which is what it gives alone (<see cref="OneSiloTests"/>).
/// </summary>
public sealed class ConcurrentRunTests(OneSiloFixture silo)
{
    [Fact]
    public async Task Quickstart_and_mainnet_started_together_on_one_silo_each_give_their_reference_outputs()
    {
        var quickstart = ScenarioText.Shipped("quickstart.json");
        var mainnet = ScenarioText.Shipped("mainnet-2025.json");
        var cancel = TestContext.Current.CancellationToken;

        var mainnetRun = silo.Engine.RunAsync(mainnet.NewRun(), cancellation: cancel);
        var quickstartRun = silo.Engine.RunAsync(quickstart.NewRun(), cancellation: cancel);
        var quickstartOutcome = await quickstartRun;
        // The runs really overlapped: mainnet-2025 (720 ticks) was still going when quickstart (30) had finished.
        Assert.False(mainnetRun.IsCompleted, "mainnet-2025 finished before quickstart: the runs did not overlap");
        var mainnetOutcome = await mainnetRun;

        SameOutputs.Assert(ReferenceRuns.Of(quickstart), quickstartOutcome, "quickstart beside mainnet-2025");
        SameOutputs.Assert(ReferenceRuns.Of(mainnet), mainnetOutcome, "mainnet-2025 beside quickstart");
    }

    [Fact]
    public async Task The_same_scenario_twice_at_once_gives_two_identical_reference_outputs()
    {
        // Same entity ids in both runs: only the run id in the grain key keeps them apart.
        var scenario = ScenarioText.Shipped("quickstart.json");
        var cancel = TestContext.Current.CancellationToken;

        var outcomes = await Task.WhenAll(
            silo.Engine.RunAsync(scenario.NewRun(), cancellation: cancel),
            silo.Engine.RunAsync(scenario.NewRun(), cancellation: cancel));

        SameOutputs.Assert(ReferenceRuns.Of(scenario), outcomes[0], "quickstart, first of two at once");
        SameOutputs.Assert(ReferenceRuns.Of(scenario), outcomes[1], "quickstart, second of two at once");
    }
}
