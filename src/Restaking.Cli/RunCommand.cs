using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Restaking.Domain.Engine;
using Restaking.Domain.Scenarios;
using Spectre.Console;

namespace Restaking.Cli;

/// <summary><c>restaking run FILE [--engine reference] [--seed N] [--ticks N] [--out DIR]</c>.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "scenario file (JSON)" };
        var engine = new Option<string>("--engine") { Description = "engine: reference (sequential, in process)", DefaultValueFactory = _ => ReferenceEngine.Name };
        engine.AcceptOnlyFromAmong(ReferenceEngine.Name);
        var seed = new Option<ulong?>("--seed") { Description = "override the scenario's seed" };
        var ticks = new Option<int?>("--ticks") { Description = "override the number of ticks (≥ 1)" };
        var output = new Option<string?>("--out") { Description = "output folder (default: runs/<scenario>-<seed>/)" };
        var quiet = new Option<bool>("--quiet") { Description = "no progress bar or summary table" };
        var command = new Command("run", "run a scenario and write timeline.csv, summary.json, events.jsonl and run-info.json")
        {
            file, engine, seed, ticks, output, quiet,
        };
        command.SetAction(parse => Execute(parse.GetValue(file)!, parse.GetValue(engine)!, parse.GetValue(seed), parse.GetValue(ticks),
            parse.GetValue(output), parse.GetValue(quiet)));
        return command;
    }

    private static int Execute(string file, string engineName, ulong? seed, int? ticks, string? output, bool quiet)
    {
        var scenario = ScenarioFiles.Load(file, Console.Error);
        if (scenario is null) return ExitCodes.BadInput;
        if (ticks is < 1)
        {
            Console.Error.WriteLine($"--ticks: must be at least 1, got {ticks} [range]");
            return ExitCodes.BadInput;
        }
        scenario = scenario with
        {
            Seed = seed ?? scenario.Seed,
            Ticks = ticks is { } t ? scenario.Ticks with { Count = t } : scenario.Ticks,
        };
        string directory = output ?? Path.Combine("runs", $"{Sanitize(scenario.Name)}-{scenario.Seed.ToString(CultureInfo.InvariantCulture)}");

        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        RunResult result;
        try
        {
            result = RunWithProgress(scenario, quiet || !AnsiConsole.Profile.Capabilities.Interactive);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"run failed: {e.GetType().Name}: {e.Message}");
            return ExitCodes.Failure;
        }
        clock.Stop();
        try
        {
            RunOutputs.Write(directory, result, RunInfo(file, engineName, scenario, started, clock.Elapsed));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"--out {directory}: cannot write the outputs: {e.Message}");
            return ExitCodes.Failure;
        }
        if (!quiet) ConsoleReport.Print(result, directory, clock.Elapsed);
        return ExitCodes.Ok;
    }

    private static RunResult RunWithProgress(Scenario scenario, bool plain)
    {
        var engine = new ReferenceEngine(ScenarioFiles.Kinds);
        if (plain) return engine.Run(scenario);
        RunResult? result = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"{scenario.Name}: {scenario.Ticks.Count} ticks", maxValue: scenario.Ticks.Count);
                result = engine.Run(scenario, new Progress<int>(done => task.Value = done));
                task.Value = scenario.Ticks.Count;
            });
        return result!;
    }

    private static string RunInfo(string file, string engine, Scenario scenario, DateTime started, TimeSpan wall)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("scenarioFile", Path.GetFileName(file));
            w.WriteString("scenario", scenario.Name);
            w.WriteNumber("seed", scenario.Seed);
            w.WriteString("engine", engine);
            w.WriteString("startedUtc", started.ToString("o", CultureInfo.InvariantCulture));
            w.WriteNumber("wallSeconds", Math.Round(wall.TotalSeconds, 3));
            w.WriteNumber("peakWorkingSetBytes", Process.GetCurrentProcess().PeakWorkingSet64);
            w.WriteStartObject("machine");
            w.WriteString("name", Environment.MachineName);
            w.WriteNumber("processors", Environment.ProcessorCount);
            w.WriteString("os", System.Runtime.InteropServices.RuntimeInformation.OSDescription);
            w.WriteString("runtime", System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static string Sanitize(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray());
}
