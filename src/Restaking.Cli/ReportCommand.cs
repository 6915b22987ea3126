using System.CommandLine;
using Restaking.Reports;

namespace Restaking.Cli;

/// <summary><c>restaking report DIR</c>: rebuilds report.html from a run or Monte Carlo folder (docs/report.md).</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "a run folder (timeline.csv, summary.json, events.jsonl) or a Monte Carlo folder (montecarlo.csv, montecarlo-summary.json)" };
        var command = new Command("report", "write report.html (charts, contagion tree) from a run or Monte Carlo folder") { dir };
        command.SetAction(parse =>
        {
            string directory = parse.GetValue(dir)!;
            if (!Directory.Exists(directory))
            {
                Console.Error.WriteLine($"{directory}: no such folder [file-not-found]");
                return ExitCodes.BadInput;
            }
            string? html;
            string? missing;
            try { html = ReportFolder.Build(directory, out missing); }
            catch (Exception e) when (e is System.Text.Json.JsonException or IOException or UnauthorizedAccessException or FormatException)
            {
                Console.Error.WriteLine($"{directory}: cannot read the outputs: {e.Message} [invalid-outputs]");
                return ExitCodes.BadInput;
            }
            if (html is null)
            {
                Console.Error.WriteLine($"{directory}: {missing} is missing: not a run or Monte Carlo folder [missing-output]");
                return ExitCodes.BadInput;
            }
            try { ReportFolder.Write(directory, html); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"{directory}: cannot write report.html: {e.Message}");
                return ExitCodes.Failure;
            }
            Console.WriteLine(Path.Combine(directory, RunReport.FileName));
            return ExitCodes.Ok;
        });
        return command;
    }
}
