namespace Restaking.Contracts;

/// <summary>
/// Published on the run stream (<see cref="RunStreams"/>) at the end of every tick: progress for the CLI's bar and
/// the tick's contagion events (the same JSON lines as events.jsonl) for anyone watching live, and the tick's
/// timeline.csv row with the file's header line (<see cref="TimelineRow"/>, <see cref="TimelineHeader"/>; null on the
/// final message), which the run registry keeps for the contagion view.
/// </summary>
[GenerateSerializer, Immutable, Alias("restaking.RunProgress")]
public sealed record RunProgress(
    [property: Id(0)] string RunId,
    [property: Id(1)] int TicksDone,
    [property: Id(2)] int Ticks,
    [property: Id(3)] long RestakedValueGwei,
    [property: Id(4)] int ServicesCompromised,
    [property: Id(5)] IReadOnlyList<string> ContagionEvents,
    [property: Id(6)] bool Finished,
    [property: Id(7)] string? Error,
    [property: Id(8)] string? TimelineHeader = null,
    [property: Id(9)] string? TimelineRow = null);

/// <summary>Names of the run stream: one stream per run, keyed by run id, on the "runs" memory-stream provider.</summary>
public static class RunStreams
{
    public const string Provider = "runs";
    public const string Namespace = "run-progress";
}
