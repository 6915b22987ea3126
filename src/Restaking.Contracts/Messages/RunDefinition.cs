namespace Restaking.Contracts;

/// <summary>
/// What a run is: the scenario file's text (every silo parses and expands it the same way, so no world has to be
/// shipped between silos), the file name for error messages, and the command-line overrides (the security model by its scenario name). With
/// <see cref="KeepGrains"/> the run's grains stay active after it ends (to inspect them in the dashboard);
/// otherwise they deactivate and the silos forget the run. <see cref="PaceMs"/> &gt; 0 makes the coordinator wait that
/// long after each tick, so that a person can follow the run in the contagion view (the outputs do not change).
/// </summary>
[GenerateSerializer, Immutable, Alias("restaking.RunDefinition")]
public sealed record RunDefinition(
    [property: Id(0)] string RunId,
    [property: Id(1)] string FileName,
    [property: Id(2)] string ScenarioJson,
    [property: Id(3)] ulong? Seed,
    [property: Id(4)] int? Ticks,
    [property: Id(5)] bool KeepGrains = false,
    [property: Id(6)] string? SecurityModel = null,
    [property: Id(7)] string? WorldHash = null,
    [property: Id(8)] int PaceMs = 0);

/// <summary>Where a run is. <see cref="Error"/> is set when it failed.</summary>
[GenerateSerializer, Immutable, Alias("restaking.RunStatus")]
public sealed record RunStatus(
    [property: Id(0)] string RunId,
    [property: Id(1)] int TicksDone,
    [property: Id(2)] int Ticks,
    [property: Id(3)] bool Finished,
    [property: Id(4)] string? Error);

/// <summary>The three deterministic outputs of a finished run, plus the count of cascade messages delivered (for
/// the benchmark).</summary>
[GenerateSerializer, Immutable, Alias("restaking.RunOutcome")]
public sealed record RunOutcome(
    [property: Id(0)] string TimelineCsv,
    [property: Id(1)] string SummaryJson,
    [property: Id(2)] IReadOnlyList<string> EventLines,
    [property: Id(3)] long CascadeMessages,
    [property: Id(4)] long GrainCalls,
    [property: Id(5)] IReadOnlyDictionary<string, int>? Placement = null,
    [property: Id(6)] IReadOnlyList<RunRecovery>? Recoveries = null);

/// <summary>A silo failure the run survived: at <see cref="FailedAtTick"/> it went back to the checkpoint taken
/// before <see cref="ResumedFromTick"/> and replayed from there (outputs unchanged: the replay is exact).</summary>
[GenerateSerializer, Immutable, Alias("restaking.RunRecovery")]
public sealed record RunRecovery(
    [property: Id(0)] int FailedAtTick,
    [property: Id(1)] int ResumedFromTick,
    [property: Id(2)] string Cause);
