using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Restaking.Contracts;
using Restaking.Domain.Engine;
using Restaking.Domain.Scenarios;
using Restaking.Silo;
using Spectre.Console;

namespace Restaking.Cli;

/// <summary><c>restaking run FILE [--engine orleans|reference] [--seed N] [--ticks N] [--security-model MODEL] [--out DIR] [--port N] [--hold]</c>.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "scenario file (JSON)" };
        var engine = new Option<string>("--engine")
        {
            Description = "orleans: grains on an embedded silo, with the dashboard (default); reference: sequential, in process",
            DefaultValueFactory = _ => OrleansEngine.Name,
        };
        engine.AcceptOnlyFromAmong(OrleansEngine.Name, ReferenceEngine.Name);
        var seed = new Option<ulong?>("--seed") { Description = "override the scenario's seed" };
        var ticks = new Option<int?>("--ticks") { Description = "override the number of ticks (≥ 1)" };
        var output = new Option<string?>("--out") { Description = "output folder (default: runs/<scenario>-<seed>/, or runs/<scenario>-<seed>-<model>/ with --security-model)" };
        var quiet = new Option<bool>("--quiet") { Description = "no progress bar or summary table" };
        var port = new Option<int>("--port") { Description = "dashboard port on 127.0.0.1 (orleans engine)", DefaultValueFactory = _ => 8080 };
        var noDashboard = new Option<bool>("--no-dashboard") { Description = "do not serve the dashboard (orleans engine)" };
        var hold = new Option<bool>("--hold") { Description = "keep the silo and dashboard up after the run, until Ctrl+C (orleans engine)" };
        var pace = new Option<string?>("--pace") { Description = "wait this long after each tick, to watch the run (e.g. 250ms, 1s); outputs unchanged" };
        var transport = Transports.CreateOption();
        var maxFile = ScenarioFiles.MaxFileOption();
        var allowLarge = ScenarioFiles.AllowLargeOption();
        var connectTimeout = ClusterOption.ConnectTimeout();
        var securityModel = new Option<string?>("--security-model")
        {
            Description = "override the scenario's security model: " + string.Join(" | ", SecurityModelNames.All),
        };
        securityModel.AcceptOnlyFromAmong([.. SecurityModelNames.All]);
        var cluster = ClusterOption.Create("run on this cluster instead of an embedded silo: a cluster folder or its cluster.json, or "
            + "host:port,password=… of its Redis; without a value, what run-cluster.sh wrote ($RESTAKING_CLUSTER or .restaking-cluster/)");
        var command = new Command("run", "run a scenario and write timeline.csv, summary.json, events.jsonl and run-info.json")
        {
            file, engine, seed, ticks, securityModel, output, quiet, port, noDashboard, hold, transport, cluster, maxFile, allowLarge, connectTimeout, pace,
        };
        command.SetAction((parse, cancel) => Execute(new RunArguments(parse.GetValue(file)!, parse.GetValue(engine)!, parse.GetValue(seed),
            parse.GetValue(ticks), parse.GetValue(securityModel), parse.GetValue(output), parse.GetValue(quiet), parse.GetValue(port), parse.GetValue(noDashboard), parse.GetValue(hold),
            parse.GetResult(transport) is { Implicit: false } ? parse.GetValue(transport) : null, ClusterOption.Value(parse, cluster), parse.GetValue(maxFile), parse.GetValue(allowLarge), parse.GetValue(connectTimeout),
            parse.GetValue(pace)), cancel));
        return command;
    }

    private sealed record RunArguments(string File, string Engine, ulong? Seed, int? Ticks, string? SecurityModel, string? Output, bool Quiet, int Port, bool NoDashboard, bool Hold,
        string? Transport, string? Cluster, int MaxFileMib, bool AllowLargeWorld, int ConnectTimeoutSeconds, string? Pace = null);

    private static async Task<int> Execute(RunArguments args, CancellationToken cancel)
    {
        if (args.Ticks is < 1 or > WorldLimits.MaxTicks)
        {
            Console.Error.WriteLine($"--ticks: must be between 1 and {WorldLimits.MaxTicks:N0} (the file's limit), got {args.Ticks} [range]");
            return ExitCodes.BadInput;
        }
        if (ScenarioFiles.MaxFileBytes(args.MaxFileMib) is not { } maxFileBytes) return ExitCodes.BadInput;
        if (ClusterOption.ConnectTimeoutValue(args.ConnectTimeoutSeconds) is not { } connectTimeout) return ExitCodes.BadInput;
        if (args.Output is not null && OutputFolder.Problem(args.Output) is { } outProblem)
        {
            Console.Error.WriteLine(outProblem);
            return ExitCodes.BadInput;
        }
        if (args.Port is < 1 or > 65535)
        {
            Console.Error.WriteLine($"--port: must be 1 … 65535, got {args.Port} [range]");
            return ExitCodes.BadInput;
        }
        int paceMs = 0;
        if (args.Pace is { } paceText && !Pace.TryParse(paceText, out paceMs))
        {
            Console.Error.WriteLine($"--pace: '{paceText}' is not a duration of 0 … 60000 ms such as 250ms or 1s [range]");
            return ExitCodes.BadInput;
        }
        bool orleans = args.Engine == OrleansEngine.Name;
        if (!orleans && (args.Hold || args.NoDashboard || args.Port != 8080 || args.Transport is not null))
        {
            Console.Error.WriteLine("--port, --no-dashboard, --hold and --transport need --engine orleans [engine-option]");
            return ExitCodes.BadInput;
        }
        if (args.Cluster is not null && (!orleans || args.Hold || args.NoDashboard || args.Port != 8080 || args.Transport is not null))
        {
            Console.Error.WriteLine("--cluster runs on the cluster's silos (their dashboards, their transport): it cannot go with --engine reference, "
                + "--port, --no-dashboard, --hold or --transport [cluster-option]");
            return ExitCodes.BadInput;
        }
        ClusterConnection? connection = null;
        if (args.Cluster is not null)
        {
            connection = ClusterOption.Resolve(args.Cluster);
            if (connection is null) return ExitCodes.BadInput;
        }
        if (args.Hold && args.NoDashboard)
        {
            Console.Error.WriteLine("--hold keeps the dashboard up: it cannot go with --no-dashboard [engine-option]");
            return ExitCodes.BadInput;
        }
        var file = ScenarioFiles.Load(args.File, Console.Error, maxFileBytes);
        if (file is null) return ExitCodes.BadInput;
        SecurityModel? model = args.SecurityModel is { } name && SecurityModelNames.TryParse(name, out var m) ? m : null;
        var scenario = file.Scenario.WithOverrides(args.Seed, args.Ticks, model);
        // The file was valid under its own model; an overridden one may not apply every fault (reallocate needs unique stake).
        var modelErrors = FaultModelRules.Check(scenario, file.Path);
        foreach (var error in modelErrors) Console.Error.WriteLine($"{error} (--security-model {args.SecurityModel})");
        if (modelErrors.Count > 0) return ExitCodes.BadInput;
        // The expanded world (with the overrides) must fit the engine's limits before anything starts.
        if (!ScenarioFiles.WithinLimits(scenario, file.Path, args.AllowLargeWorld, Console.Error, args.Ticks is null ? null : "(with --ticks)"))
            return ExitCodes.BadInput;
        // An overridden security model gets a folder of its own, so one shock under each model leaves four runs side by side.
        string directory = args.Output ?? Path.Combine("runs", $"{Cli.RunInfo.FolderName(scenario.Name)}-{scenario.Seed.ToString(CultureInfo.InvariantCulture)}"
            + (args.SecurityModel is { } overridden ? "-" + overridden : ""));
        if (args.Output is null && OutputFolder.Problem(directory) is { } defaultProblem)
        {
            Console.Error.WriteLine(defaultProblem);
            return ExitCodes.BadInput;
        }
        bool plain = args.Quiet || !AnsiConsole.Profile.Capabilities.Interactive;

        EmbeddedSilo? silo = null;
        ClusterClientHost? clusterClient = null;
        try
        {
            if (connection is not null)
            {
                try { clusterClient = await ClusterClientHost.ConnectAsync(connection, connectTimeout, cancel); }
                catch (ClusterUnreachableException e)
                {
                    Console.Error.WriteLine($"--cluster: {e.Message}");
                    return ExitCodes.Failure;
                }
                Console.Error.WriteLine($"cluster: {connection}, {(await clusterClient.ActiveSilos()).Count} active silos");
            }
            else if (orleans)
            {
                try
                {
                    silo = await EmbeddedSilo.StartAsync(new EmbeddedSiloOptions(args.NoDashboard ? null : args.Port, ScenarioFiles.Kinds,
                        Transport: Transports.Parse(args.Transport ?? Transports.Default)), cancel);
                }
                catch (DashboardPortInUseException e)
                {
                    Console.Error.WriteLine($"--port: {e.Message} [port-in-use]");
                    return ExitCodes.BadInput;
                }
                if (silo.DashboardUrl is not null) Console.Error.WriteLine($"dashboard: {silo.DashboardUrl}");
            }
            string runId = GrainKeys.NewRunId(scenario.Name);
            if (silo?.RunPageUrl(runId) is { } page) Console.Error.WriteLine($"view: {page}");

            RunExtras.Warm();
            var started = DateTime.UtcNow;
            var clock = Stopwatch.StartNew();
            (string Timeline, string Summary, IReadOnlyList<string> Events, IReadOnlyDictionary<string, int>? Placement,
                IReadOnlyList<RunRecovery>? Recoveries) result;
            var client = clusterClient?.Client ?? silo?.Client;
            try
            {
                result = client is null
                    ? RunReference(scenario, plain, paceMs)
                    : await RunOrleans(client, new RunDefinition(runId, file.Path, file.Text, args.Seed, args.Ticks, KeepGrains: args.Hold,
                        SecurityModel: args.SecurityModel, PaceMs: paceMs), scenario, plain, args.Quiet, cancel);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine("run cancelled; nothing written");
                return ExitCodes.Failure;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Console.Error.WriteLine($"run failed: {e.GetType().Name}: {e.Message}");
                // A failure inside the engine is ours to fix, not the user's: RESTAKING_DEBUG=1 shows where it came from.
                if (Environment.GetEnvironmentVariable("RESTAKING_DEBUG") == "1") Console.Error.WriteLine(e);
                return ExitCodes.Failure;
            }
            clock.Stop();
            try
            {
                RunOutputs.Write(directory, result.Timeline, result.Summary, result.Events, RunInfo(file.Path, args.Engine, scenario, started, clock.Elapsed, connection, result.Placement, result.Recoveries));
                // Beside the outputs: the scenario's text (restaking view builds the graph from it) and report.html.
                RunExtras.Write(directory, file.Text, result.Timeline, result.Summary, result.Events);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"--out {directory}: cannot write the outputs: {e.Message}");
                return ExitCodes.Failure;
            }
            if (!args.Quiet)
            {
                ConsoleReport.Print(result.Summary, directory, clock.Elapsed);
                ContagionTreeView.Print(result.Events);
            }
            if (args.Hold && silo is not null) await Hold(silo, runId, cancel);
            return ExitCodes.Ok;
        }
        finally
        {
            if (silo is not null) await silo.DisposeAsync();
            if (clusterClient is not null) await clusterClient.DisposeAsync();
        }
    }

    private static (string, string, IReadOnlyList<string>, IReadOnlyDictionary<string, int>?, IReadOnlyList<RunRecovery>?) RunReference(Domain.Scenarios.Scenario scenario, bool plain,
        int paceMs)
    {
        var engine = new ReferenceEngine(ScenarioFiles.Kinds.Behaviours);
        RunResult? result = null;
        if (plain) result = engine.Run(scenario, paceMs > 0 ? new Pace(paceMs, null) : null);
        else
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask($"{scenario.Name}: {scenario.Ticks.Count} ticks", maxValue: scenario.Ticks.Count);
                    result = engine.Run(scenario, new Pace(paceMs, done => task.Value = done));
                    task.Value = scenario.Ticks.Count;
                });
        return (result!.TimelineCsv, result.SummaryJson, result.EventLines, null, null);
    }

    /// <summary>The progress bar follows the run stream (RunProgress events, one per tick that ran rounds, and every 1 % of quiet ticks).</summary>
    private static async Task<(string, string, IReadOnlyList<string>, IReadOnlyDictionary<string, int>?, IReadOnlyList<RunRecovery>?)> RunOrleans(IClusterClient client, RunDefinition run,
        Domain.Scenarios.Scenario scenario, bool plain, bool quiet, CancellationToken cancel)
    {
        var engine = new OrleansEngine(client);
        RunOutcome? outcome = null;
        if (plain)
        {
            // No terminal to draw a bar on (a log, CI): a line per tenth of the run, unless --quiet.
            int shown = 0, ticks = scenario.Ticks.Count;
            var lines = quiet ? null : new Progress<RunProgress>(p =>
            {
                int tenth = (int)(10L * p.TicksDone / Math.Max(1, ticks));
                if (tenth <= shown) return;
                shown = tenth;
                Console.Error.WriteLine($"progress: tick {p.TicksDone}/{ticks}");
            });
            outcome = await engine.RunAsync(run, lines, cancel);
        }
        else
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask($"{scenario.Name}: {scenario.Ticks.Count} ticks", maxValue: scenario.Ticks.Count);
                    outcome = await engine.RunAsync(run, new Progress<RunProgress>(p => task.Value = Math.Max(task.Value, p.TicksDone)), cancel);
                    task.Value = scenario.Ticks.Count;
                });
        if (outcome!.Recoveries is { Count: > 0 } recoveries)
            foreach (var r in recoveries)
                Console.Error.WriteLine($"recovered: tick {r.FailedAtTick} failed ({r.Cause}); replayed from tick {r.ResumedFromTick}");
        return (outcome.TimelineCsv, outcome.SummaryJson, outcome.EventLines, outcome.Placement, outcome.Recoveries);
    }

    private static async Task Hold(EmbeddedSilo silo, string runId, CancellationToken cancel)
    {
        Console.Error.WriteLine($"holding the silo: the run at {silo.RunPageUrl(runId)}, dashboard at {silo.DashboardUrl} — press Ctrl+C to stop");
        await WaitForStop(cancel);
        Console.Error.WriteLine("stopping the silo");
    }

    /// <summary>Until Ctrl+C, SIGTERM or <paramref name="cancel"/>.</summary>
    internal static async Task WaitForStop(CancellationToken cancel)
    {
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        using var registration = cancel.Register(() => stop.TrySetResult());
        await stop.Task;
    }

    private static string RunInfo(string file, string engine, Domain.Scenarios.Scenario scenario, DateTime started, TimeSpan wall,
        ClusterConnection? cluster, IReadOnlyDictionary<string, int>? placement, IReadOnlyList<RunRecovery>? recoveries)
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
            if (cluster is not null) w.WriteString("cluster", cluster.ToString());
            if (placement is not null)
            {
                // Where the run's entity grains were active at its end, per silo: the cluster's spread, not an output.
                w.WriteStartObject("entityGrainsPerSilo");
                foreach (var (address, count) in placement.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteNumber(address, count);
                w.WriteEndObject();
            }
            if (recoveries is not null)
            {
                // Silo failures the run survived (checkpoints on a cluster): where it failed and where it replayed from.
                w.WriteStartArray("recoveries");
                foreach (var r in recoveries)
                {
                    w.WriteStartObject();
                    w.WriteNumber("failedAtTick", r.FailedAtTick);
                    w.WriteNumber("resumedFromTick", r.ResumedFromTick);
                    w.WriteString("cause", r.Cause);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            Cli.RunInfo.WriteMachine(w);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
