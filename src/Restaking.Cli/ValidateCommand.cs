using System.CommandLine;
using Restaking.Domain.Scenarios;

namespace Restaking.Cli;

/// <summary><c>restaking validate FILE...</c>: checks every file and reports every error; exit 2 if any file is bad.</summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "scenario files (JSON)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "check scenario files and report every error with its JSON path and rule") { files };
        command.SetAction(parse =>
        {
            int bad = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                var scenario = ScenarioFiles.Load(file, Console.Error)?.Scenario;
                if (scenario is null) { bad++; continue; }
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
