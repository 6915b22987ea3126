using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Restaking.Domain.MonteCarlo;
using Restaking.Domain.Scenarios;
using Restaking.Silo;
using Spectre.Console;

namespace Restaking.Cli;

/// <summary>
/// <c>restaking montecarlo FILE --trials N [--seed S] [--out DIR] [--quiet]</c>: N trials of the scenario with seeds
/// S … S + N − 1 (S: the file's seed), run as grains, then montecarlo.csv, montecarlo-summary.json and run-info.json.
/// </summary>
public static class MonteCarloCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "scenario file (JSON)" };
        var trials = new Option<int>("--trials") { Description = "number of trials (≥ 1); trial i runs seed S + i", Required = true };
        var seed = new Option<ulong?>("--seed") { Description = "first seed S (default: the scenario's seed)" };
        var output = new Option<string?>("--out") { Description = "output folder (default: runs/<scenario>-montecarlo-<S>-<N>/)" };
        var quiet = new Option<bool>("--quiet") { Description = "no progress bar or summary table" };
        var cluster = ClusterOption.Create("run the trials over this cluster instead of an embedded silo: a cluster folder or its cluster.json, "
            + "or host:port,password=… of its Redis; without a value, what run-cluster.sh wrote ($RESTAKING_CLUSTER or .restaking-cluster/)");
        var command = new Command("montecarlo", "run many seeds of a scenario and write the loss distribution: montecarlo.csv, montecarlo-summary.json, run-info.json")
        {
            file, trials, seed, output, quiet, cluster,
        };
        command.SetAction((parse, cancel) => Execute(new MonteCarloArguments(parse.GetValue(file)!, parse.GetValue(trials), parse.GetValue(seed),
            parse.GetValue(output), parse.GetValue(quiet), ClusterOption.Value(parse, cluster)), cancel));
        return command;
    }

    private sealed record MonteCarloArguments(string File, int Trials, ulong? Seed, string? Output, bool Quiet, string? Cluster);

    private static async Task<int> Execute(MonteCarloArguments args, CancellationToken cancel)
    {
        if (args.Trials < 1)
        {
            Console.Error.WriteLine($"--trials: must be at least 1, got {args.Trials} [range]");
            return ExitCodes.BadInput;
        }
        Silo.ClusterConnection? connection = null;
        if (args.Cluster is not null && (connection = ClusterOption.Resolve(args.Cluster)) is null) return ExitCodes.BadInput;
        var file = ScenarioFiles.Load(args.File, Console.Error);
        if (file is null) return ExitCodes.BadInput;
        ulong first = args.Seed ?? file.Scenario.Seed;
        if (MonteCarloTrial.LastSeed(first, args.Trials) is null)
        {
            Console.Error.WriteLine($"--seed: seeds {first} … {first} + {args.Trials - 1} pass the largest seed, {ulong.MaxValue} [range]");
            return ExitCodes.BadInput;
        }
        var scenario = file.Scenario with { Seed = first };
        string directory = args.Output ?? Path.Combine("runs",
            string.Create(CultureInfo.InvariantCulture, $"{Cli.RunInfo.FolderName(scenario.Name)}-montecarlo-{first}-{args.Trials}"));

        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        MonteCarloRun run;
        try
        {
            var (client, lifetime) = await Connect(connection, cancel);
            await using (lifetime)
                run = await RunTrials(new MonteCarloRunner(client), new MonteCarloPlan(file.Path, file.Text, first, args.Trials), scenario,
                    args.Quiet || !AnsiConsole.Profile.Capabilities.Interactive, cancel);
        }
        catch (Silo.ClusterUnreachableException e)
        {
            Console.Error.WriteLine($"--cluster: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("montecarlo cancelled; nothing written");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"montecarlo failed: {e.GetType().Name}: {e.Message}");
            return ExitCodes.Failure;
        }
        clock.Stop();

        string summary = MonteCarloReport.BuildSummary(scenario, run.Trials);
        try
        {
            string csv = MonteCarloReport.BuildCsv(run.Trials);
            MonteCarloReport.Write(directory, csv, summary, RunInfo(file.Path, scenario, run, started, clock.Elapsed));
            // report.html: the loss histogram with VaR and ES, P(compromise) per service (docs/report.md).
            Reports.ReportFolder.Write(directory, Reports.MonteCarloHtml.Html(csv, summary));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"--out {directory}: cannot write the outputs: {e.Message}");
            return ExitCodes.Failure;
        }
        if (!args.Quiet) MonteCarloConsoleReport.Print(summary, directory, clock.Elapsed);
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Where the trials run: a running cluster (<c>--cluster</c>) as its client, or one embedded silo in this process
    /// (no dashboard); the lifetime is disposed when the trials are done.
    /// </summary>
    private static async Task<(IClusterClient Client, IAsyncDisposable Lifetime)> Connect(Silo.ClusterConnection? cluster, CancellationToken cancel)
    {
        if (cluster is not null)
        {
            var host = await Silo.ClusterClientHost.ConnectAsync(cluster, TimeSpan.FromSeconds(30), cancel);
            Console.Error.WriteLine($"cluster: {cluster}, {(await host.ActiveSilos()).Count} active silos");
            return (host.Client, host);
        }
        // Errors only: CPU-bound trials fill every core by design, which the silo's watchdog would report as starvation.
        var silo = await EmbeddedSilo.StartAsync(new EmbeddedSiloOptions(DashboardPort: null, ScenarioFiles.Kinds, LogLevel.Error), cancel);
        return (silo.Client, silo);
    }

    private static async Task<MonteCarloRun> RunTrials(MonteCarloRunner runner, MonteCarloPlan plan, Scenario scenario, bool plain, CancellationToken cancel)
    {
        if (plain) return await runner.RunAsync(plan, null, cancel);
        MonteCarloRun? run = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"{scenario.Name}: {plan.Trials} trials", maxValue: plan.Trials);
                run = await runner.RunAsync(plan, new Progress<int>(done => task.Value = Math.Max(task.Value, done)), cancel);
                task.Value = plan.Trials;
            });
        return run!;
    }

    private static string RunInfo(string file, Scenario scenario, MonteCarloRun run, DateTime started, TimeSpan wall)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("scenarioFile", Path.GetFileName(file));
            w.WriteString("scenario", scenario.Name);
            w.WriteNumber("firstSeed", scenario.Seed);
            w.WriteNumber("trials", run.Trials.Count);
            w.WriteString("startedUtc", started.ToString("o", CultureInfo.InvariantCulture));
            w.WriteNumber("wallSeconds", Math.Round(wall.TotalSeconds, 3));
            w.WriteNumber("trialsPerSecond", Math.Round(run.Trials.Count / wall.TotalSeconds, 2));
            w.WriteNumber("trialsInFlight", run.InFlight);
            w.WriteStartObject("trialsPerSilo");
            foreach (var (silo, count) in run.TrialsPerSilo) w.WriteNumber(silo, count);
            w.WriteEndObject();
            w.WriteNumber("peakWorkingSetBytes", Process.GetCurrentProcess().PeakWorkingSet64);
            Cli.RunInfo.WriteMachine(w);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
