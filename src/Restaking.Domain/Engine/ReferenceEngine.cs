using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;

namespace Restaking.Domain.Engine;

/// <summary>
/// The sequential, in-process engine: a <see cref="RunSession"/> run tick by tick to the end. It is the yardstick the
/// Orleans engine must match byte for byte.
/// </summary>
public sealed class ReferenceEngine(ServiceKindRegistry kinds)
{
    public const string Name = "reference";

    /// <summary>A run that stops at every tick barrier (to checkpoint it, or to restore one).</summary>
    public RunSession Start(Scenario scenario) => new(scenario, kinds);

    public RunResult Run(Scenario scenario, IProgress<int>? tickProgress = null, CancellationToken cancellation = default)
    {
        var session = Start(scenario);
        using var active = RestakingMetrics.RunActive();
        while (!session.Finished)
        {
            cancellation.ThrowIfCancellationRequested();
            session.RunTick();
            tickProgress?.Report(session.NextTick);
        }
        return session.Result();
    }
}

/// <summary>The three deterministic outputs of a run (and the final world, for inspection and tests).</summary>
public sealed record RunResult(string TimelineCsv, string SummaryJson, IReadOnlyList<string> EventLines, World FinalWorld);
