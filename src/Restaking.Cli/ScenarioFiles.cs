using Restaking.Domain.Scenarios;
using Restaking.Grains.Services;

namespace Restaking.Cli;

/// <summary>A scenario read from disk: the validated model and the exact text (which the Orleans engine ships to silos).</summary>
public sealed record ScenarioFile(string Path, string Text, Scenario Scenario);

/// <summary>Loads scenario files and reports every error as "file: path: message [rule]" on standard error.</summary>
public static class ScenarioFiles
{
    /// <summary>The service kinds scenarios may name: the built-in ones, registered like plug-ins.</summary>
    public static ServiceKindCatalog Kinds { get; } = Restaking.ServiceKinds.BuiltInKinds.Catalog();

    public static ScenarioFile? Load(string file, TextWriter errors)
    {
        var result = ScenarioLoader.Load(file, Kinds.Names);
        foreach (var error in result.Errors) errors.WriteLine(error.ToString());
        if (!result.IsValid) return null;
        // Load has just read it; a file changed in between is caught again when the silo parses the text.
        return new ScenarioFile(file, File.ReadAllText(file), result.Scenario!);
    }
}
