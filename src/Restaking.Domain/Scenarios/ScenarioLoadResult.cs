namespace Restaking.Domain.Scenarios;

/// <summary>The outcome of loading one scenario file: the scenario when it is valid, otherwise every error found.</summary>
public sealed class ScenarioLoadResult
{
    public ScenarioLoadResult(Scenario? scenario, IReadOnlyList<ScenarioError> errors)
    {
        if (scenario is not null && errors.Count > 0)
            throw new ArgumentException("A scenario with errors is not a loaded scenario", nameof(scenario));
        Scenario = scenario;
        Errors = errors;
    }

    /// <summary>The validated scenario; null whenever <see cref="Errors"/> is not empty.</summary>
    public Scenario? Scenario { get; }

    /// <summary>Every error found, in document order (cross-list checks follow the list they are about).</summary>
    public IReadOnlyList<ScenarioError> Errors { get; }

    public bool IsValid => Scenario is not null && Errors.Count == 0;
}
