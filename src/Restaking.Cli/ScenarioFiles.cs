using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;

namespace Restaking.Cli;

/// <summary>Loads scenario files and reports every error as "file: path: message [rule]" on standard error.</summary>
public static class ScenarioFiles
{
    public static ServiceKindRegistry Kinds { get; } = ServiceKindRegistry.CreateDefault();

    public static Scenario? Load(string file, TextWriter errors)
    {
        var result = ScenarioLoader.Load(file, Kinds.Names);
        foreach (var error in result.Errors) errors.WriteLine(error.ToString());
        return result.IsValid ? result.Scenario : null;
    }
}
