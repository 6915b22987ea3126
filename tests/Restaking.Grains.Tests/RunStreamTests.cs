using Restaking.Contracts;
using Restaking.Grains.Tests.Support;

namespace Restaking.Grains.Tests;

/// <summary>The run stream: what an <see cref="IProgress{T}"/> given to the engine sees while the run goes.</summary>
public sealed class RunStreamTests(OneSiloFixture silo)
{
    [Theory]
    [InlineData("quickstart.json")]
    [InlineData("mainnet-2025.json")] // events of a tick cross the stream in several chunks
    public async Task Progress_reaches_the_tick_count_and_carries_exactly_the_events_jsonl_lines(string file)
    {
        var scenario = ScenarioText.Shipped(file);
        var log = new ProgressLog();

        var outcome = await silo.Engine.RunAsync(scenario.NewRun(), log, TestContext.Current.CancellationToken);

        AssertWholeRun(scenario, log, outcome);
    }

    [Fact]
    public async Task A_slow_listener_has_every_event_and_the_end_of_the_run_when_RunAsync_returns()
    {
        // quickstart sends ~30 messages; at 60 ms each the listener is still busy well after the run has ended and
        // the engine's status poll (every second) has seen it finished.
        var scenario = ScenarioText.Shipped("quickstart.json");
        var log = new ProgressLog(slowness: TimeSpan.FromMilliseconds(60));

        var outcome = await silo.Engine.RunAsync(scenario.NewRun(), log, TestContext.Current.CancellationToken);

        AssertWholeRun(scenario, log, outcome);
    }

    private static void AssertWholeRun(ScenarioText scenario, ProgressLog log, RunOutcome outcome)
    {
        string file = scenario.FileName;
        int ticks = scenario.Parse(TestKinds.Catalog).Ticks.Count;
        var items = log.Items;
        Assert.NotEmpty(items);
        Assert.All(items, p => Assert.Equal(ticks, p.Ticks));
        Assert.All(items, p => Assert.Null(p.Error));
        Assert.True(items.Zip(items.Skip(1)).All(pair => pair.First.TicksDone <= pair.Second.TicksDone), "ticks done went backwards");
        var streamed = items.SelectMany(p => p.ContagionEvents).ToList();
        SameOutputs.Lines(ReferenceRuns.Of(scenario).EventLines, streamed, file + ": events on the run stream");
        SameOutputs.Lines(outcome.EventLines, streamed, file + ": events on the run stream vs the outcome");
        Assert.Equal(ticks, items[^1].TicksDone);
        Assert.True(items[^1].Finished, $"the last progress received says tick {items[^1].TicksDone}, not finished");
        Assert.Single(items, p => p.Finished);
    }
}
