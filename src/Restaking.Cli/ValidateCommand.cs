using System.CommandLine;
using Restaking.Domain.Scenarios;

namespace Restaking.Cli;

/// <summary><c>restaking validate FILE...</c>: checks every file and reports every error; exit 2 if any file is bad.</summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "scenario files (JSON)", Arity = ArgumentArity.OneOrMore };
        var maxFile = ScenarioFiles.MaxFileOption();
        var allowLarge = ScenarioFiles.AllowLargeOption();
        var command = new Command("validate", "check scenario files and report every error with its JSON path and rule") { files, maxFile, allowLarge };
        command.SetAction(parse =>
        {
            if (ScenarioFiles.MaxFileBytes(parse.GetValue(maxFile)) is not { } maxBytes) return ExitCodes.BadInput;
            int bad = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                var scenario = ScenarioFiles.Load(file, Console.Error, maxBytes)?.Scenario;
                if (scenario is null || !ScenarioFiles.WithinLimits(scenario, file, parse.GetValue(allowLarge), Console.Error)) { bad++; continue; }
                var generated = scenario.Generate;
                Console.WriteLine($"ok: {file} ({Count(scenario.Services.Count, generated?.Services?.Count)} services, " +
                    $"{Count(scenario.Operators.Count, generated?.Operators?.Count)} operators, " +
                    $"{Count(scenario.Stakers.Count, generated?.Stakers?.Count)} stakers, {scenario.Tokens.Count} tokens, {scenario.Faults.Count} faults)");
            }
            return bad == 0 ? ExitCodes.Ok : ExitCodes.BadInput;
        });
        return command;
    }

    private static string Count(int listed, int? generated) =>
        (listed + (generated ?? 0)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
