using System.Collections.Concurrent;
using Restaking.Contracts;
using Restaking.Domain.Engine;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Tests;
using Restaking.Grains.Services;

namespace Restaking.Grains.Tests.Support;

/// <summary>A scenario as both engines take it: the file's text (the Orleans engine) and the parsed model (the reference).</summary>
public sealed record ScenarioText(string FileName, string Json, string? SecurityModel = null)
{
    public static ScenarioText Shipped(string fileName) => new(fileName, File.ReadAllText(RepositoryFiles.Scenario(fileName)));

    /// <summary>A new run of this scenario (a fresh run id, so runs never share grains). Tests that look at the run's
    /// grains after it ends keep them (<see cref="RunDefinition.KeepGrains"/>); otherwise they deactivate.</summary>
    public RunDefinition NewRun(bool keepGrains = false) =>
        new(GrainKeys.NewRunId(Path.GetFileNameWithoutExtension(FileName)), FileName, Json, Seed: null, Ticks: null, KeepGrains: keepGrains,
            SecurityModel: SecurityModel);

    public Scenario Parse(ServiceKindCatalog kinds)
    {
        var loaded = ScenarioLoader.LoadFromText(FileName, Json, kinds.Behaviours);
        Assert.True(loaded.IsValid, $"{FileName} is not valid:\n" + string.Join('\n', loaded.Errors));
        if (SecurityModel is null) return loaded.Scenario!;
        Assert.True(SecurityModelNames.TryParse(SecurityModel, out var model), SecurityModel);
        return loaded.Scenario!.WithOverrides(null, null, model);
    }
}

/// <summary>
/// The yardstick: each scenario run once on <see cref="ReferenceEngine"/> with the behaviours of
/// <see cref="TestKinds.Catalog"/>, shared by every test that compares against it.
/// </summary>
public static class ReferenceRuns
{
    private static readonly ConcurrentDictionary<string, Lazy<RunResult>> runs = new(StringComparer.Ordinal);

    public static RunResult Of(ScenarioText scenario) =>
        runs.GetOrAdd(scenario.FileName + "\n" + scenario.SecurityModel + "\n" + scenario.Json, _ => new Lazy<RunResult>(() =>
            new ReferenceEngine(TestKinds.Catalog.Behaviours).Run(scenario.Parse(TestKinds.Catalog)))).Value;
}
