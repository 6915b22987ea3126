using Restaking.Contracts;
using Restaking.Grains.Tests.Support;

namespace Restaking.Grains.Tests;

/// <summary>The run registry the contagion view reads (docs/contagion-view.md): every run started through
/// OrleansEngine is listed, and its ticks replay with the timeline rows and event lines of its outputs.</summary>
public sealed class RunRegistryTests(OneSiloFixture silo)
{
    [Fact]
    public async Task A_finished_run_is_listed_and_replays_every_tick_with_its_outputs_rows_and_events()
    {
        var scenario = ScenarioText.Shipped("quickstart.json");
        var run = scenario.NewRun();
        var outcome = await silo.Engine.RunAsync(run, cancellation: TestContext.Current.CancellationToken);
        var registry = silo.Client.GetGrain<IRunRegistryGrain>(0);

        var entry = (await registry.List()).Single(r => r.Id == run.RunId);
        Assert.Equal("quickstart", entry.Scenario);
        Assert.Equal("finished", entry.Status);
        Assert.Equal(30, entry.TicksDone);

        var page = await registry.Ticks(run.RunId, 0, int.MaxValue, TimeSpan.Zero);
        var timeline = outcome.TimelineCsv.TrimEnd('\n').Split('\n');
        Assert.Equal(timeline[0], page.Header);
        Assert.Equal(timeline.Skip(1), page.Ticks.Select(t => t.Row));
        Assert.Equal(Enumerable.Range(0, 30), page.Ticks.Select(t => t.Tick));
        Assert.Equal(outcome.EventLines, page.Ticks.SelectMany(t => t.Events));

        var later = await registry.Ticks(run.RunId, 25, int.MaxValue, TimeSpan.Zero);
        Assert.Equal(Enumerable.Range(25, 5), later.Ticks.Select(t => t.Tick));
        // A page stops at about maxEvents (whole ticks, at least one).
        var small = await registry.Ticks(run.RunId, 0, 1, TimeSpan.Zero);
        Assert.True(small.Ticks.Count < 30);
        Assert.Equal(outcome.SummaryJson, await registry.File(run.RunId, "summary.json"));
        Assert.Null(await registry.File(run.RunId, "run-info.json"));
    }
}
