using System.Text.Json;
using Restaking.Domain.Engine;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;

namespace Restaking.Domain.Tests;

/// <summary>
/// A shipped scenario file as the worked-scenario tests use it: read, optionally edited as text (a counterfactual of the
/// same file), loaded — the test fails with the loader's errors if the result is not valid — and run on the reference
/// engine, optionally under another security model.
/// </summary>
internal static class ShippedScenario
{
    private static readonly ServiceKindRegistry Kinds = Restaking.ServiceKinds.BuiltInKinds.Registry();

    public static string Text(string file) => File.ReadAllText(RepositoryFiles.Scenario(file));

    public static Scenario Load(string file, Func<string, string>? edit = null) => LoadText(file, edit is null ? Text(file) : edit(Text(file)));

    /// <summary><paramref name="text"/> loaded under the name <paramref name="file"/>; it must be valid.</summary>
    public static Scenario LoadText(string file, string text)
    {
        var load = ScenarioLoader.LoadFromText(file, text, Kinds.Names);
        Assert.True(load.IsValid, string.Join("\n", load.Errors));
        return load.Scenario!;
    }

    public static RunResult Run(Scenario scenario, SecurityModel? model = null) =>
        new ReferenceEngine(Kinds).Run(model is { } m ? scenario with { SecurityModel = m } : scenario, cancellation: TestContext.Current.CancellationToken);

    public static RunResult Run(string file, Func<string, string>? edit = null, SecurityModel? model = null) => Run(Load(file, edit), model);

    public static JsonElement Summary(RunResult result) => JsonDocument.Parse(result.SummaryJson).RootElement.Clone();

    public static List<JsonElement> Events(RunResult result) => result.EventLines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    /// <summary>Replaces <paramref name="from"/> in a scenario's text; throws if it is not there, so a counterfactual never
    /// silently runs the unedited file.</summary>
    public static string Replace(string text, string from, string to) =>
        text.Contains(from, StringComparison.Ordinal) ? text.Replace(from, to, StringComparison.Ordinal) : throw new InvalidOperationException($"'{from}' moved");
}
