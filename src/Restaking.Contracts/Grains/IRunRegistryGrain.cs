namespace Restaking.Contracts;

/// <summary>
/// Every run the cluster knows, for the contagion view and its HTTP API (docs/contagion-view.md): one grain, key 0.
/// A run is registered before its coordinator starts; the registry then follows the run stream and keeps each
/// tick's timeline row and event lines (bounded: <see cref="RunRegistryLimits.MaxEvents"/> per run), and the outputs
/// once the run finished. It lives in memory: the list lasts while the registry's silo lives.
/// </summary>
public interface IRunRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Starts following the run's stream; returns once subscribed, so the run's first tick is never missed.
    /// <paramref name="scenario"/>: the scenario's name; <paramref name="ticks"/>: its tick count.</summary>
    Task RegisterRun(RunDefinition definition, string scenario, int ticks, DateTime startedUtc);

    /// <summary>The run's outputs once it finished (called by whoever collected them from the coordinator).</summary>
    Task Complete(string runId, RunOutcome outcome);

    /// <summary>Marks a run failed that ended without a final stream message (its client gave up, say).</summary>
    Task Fail(string runId, string error);

    Task<IReadOnlyList<RunEntry>> List();

    Task<RunEntry?> Get(string runId);

    /// <summary>The scenario text and overrides of the run, to build its graph.</summary>
    Task<RunDefinition?> GetDefinition(string runId);

    /// <summary>Ticks ≥ <paramref name="fromTick"/> recorded so far, up to about <paramref name="maxEvents"/> events
    /// (at least one tick); when there is none yet and the run is live, waits up to <paramref name="wait"/> for one.</summary>
    Task<RunTickPage> Ticks(string runId, int fromTick, int maxEvents, TimeSpan wait);

    /// <summary>The finished run's timeline.csv, summary.json or events.jsonl text; null when not (or no longer) kept.</summary>
    Task<string?> File(string runId, string name);
}

public static class RunRegistryLimits
{
    /// <summary>Event lines kept per run for replay; past it a run's later ticks are kept without their events (the
    /// page says so) and events.jsonl is not served (it is in the run's folder when run from the CLI).</summary>
    public const int MaxEvents = 200_000;

    /// <summary>Finished runs whose ticks and outputs are kept; older finished runs stay listed without them (their
    /// stream and files answer 404), so a long-lived cluster's registry does not grow without bound.</summary>
    public const int MaxFinishedWithHistory = 32;
}

/// <summary>A run as the list shows it. Status: "running", "finished" or "failed".</summary>
[GenerateSerializer, Immutable, Alias("restaking.RunEntry")]
public sealed record RunEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] string Scenario,
    [property: Id(2)] string Status,
    [property: Id(3)] int TicksDone,
    [property: Id(4)] int Ticks,
    [property: Id(5)] DateTime StartedUtc,
    [property: Id(6)] string? Error = null,
    [property: Id(7)] bool EventsTruncated = false,
    [property: Id(8)] bool HistoryDropped = false);

/// <summary>One tick as recorded: its timeline row (CSV line) and its event lines.</summary>
[GenerateSerializer, Immutable, Alias("restaking.RunTickRecord")]
public sealed record RunTickRecord(
    [property: Id(0)] int Tick,
    [property: Id(1)] string? Row,
    [property: Id(2)] IReadOnlyList<string> Events);

/// <summary>Some recorded ticks of a run, the timeline header, and where the run is.</summary>
[GenerateSerializer, Immutable, Alias("restaking.RunTickPage")]
public sealed record RunTickPage(
    [property: Id(0)] RunEntry Run,
    [property: Id(1)] string? Header,
    [property: Id(2)] IReadOnlyList<RunTickRecord> Ticks);
