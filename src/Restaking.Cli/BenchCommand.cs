using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Restaking.Contracts;
using Restaking.Domain.Engine;
using Restaking.Grains;
using Restaking.Grains.Bench;
using Restaking.Silo;
using Spectre.Console;

namespace Restaking.Cli;

/// <summary>
/// <c>restaking bench</c>: on embedded silos in this process (no dashboard), (a) the one-way grain-messaging ceiling,
/// (b) the engine's cascade messages per second on <c>bench-cascade.json</c>, (c) b / a, (d) mainnet-2025 on
/// Orleans against the reference engine, (e) stress-1m's wall time and peak memory (in a child process, so its
/// peak is its own) and (f) the cascade scenario over each transport. Medians of <c>--repeat</c> runs.
/// </summary>
public static class BenchCommand
{
    private const string CascadeScenario = "bench-cascade.json";
    private const string MainnetScenario = "mainnet-2025.json";
    private const string StressScenario = "stress-1m.json";

    public static Command Create()
    {
        var repeat = new Option<int>("--repeat") { Description = "runs per measurement; the table shows medians", DefaultValueFactory = _ => 5 };
        var skipStress = new Option<bool>("--skip-stress") { Description = "skip (e), the stress-1m run" };
        var quick = new Option<bool>("--quick") { Description = "small sizes (a smoke test, not a measurement): fewer grains and ticks" };
        var quiet = new Option<bool>("--quiet") { Description = "no progress lines on standard error" };
        var output = new Option<string?>("--out") { Description = "JSON file for the results (default: runs/bench-<utc>.json)" };
        var scenarios = new Option<string>("--scenarios") { Description = "folder of the shipped scenarios", DefaultValueFactory = _ => "scenarios" };
        var command = new Command("bench", "measure the Orleans engine on this machine: messaging ceiling, cascade throughput, mainnet-2025 against the reference engine, stress-1m, transports")
        {
            repeat, skipStress, quick, quiet, output, scenarios,
        };
        command.SetAction((parse, cancel) => Execute(new BenchArguments(parse.GetValue(repeat), parse.GetValue(skipStress), parse.GetValue(quick),
            parse.GetValue(quiet), parse.GetValue(output), parse.GetValue(scenarios)!), cancel));
        return command;
    }

    private sealed record BenchArguments(int Repeat, bool SkipStress, bool Quick, bool Quiet, string? Output, string Scenarios);

    /// <summary>One engine run: wall seconds, cascade messages and grain calls.</summary>
    private sealed record EngineSample(double Seconds, long Messages, long Calls)
    {
        public double MessagesPerSecond => Messages / Seconds;
        public double CallsPerSecond => Calls / Seconds;
    }

    /// <summary>The cascade scenario's runs over one transport, and whether every one matched the reference engine.</summary>
    private sealed class TransportResult(string transport)
    {
        public string Transport { get; } = transport;
        public List<EngineSample> Samples { get; } = [];
        public bool MatchesReference { get; set; } = true;
        public EngineSample Median => Samples.OrderBy(s => s.Seconds).ElementAt(Samples.Count / 2);
    }

    private static async Task<int> Execute(BenchArguments args, CancellationToken cancel)
    {
        if (args.Repeat < 1)
        {
            Console.Error.WriteLine($"--repeat: must be at least 1, got {args.Repeat} [range]");
            return ExitCodes.BadInput;
        }
        var cascade = ScenarioFiles.Load(Path.Combine(args.Scenarios, CascadeScenario), Console.Error);
        var mainnet = ScenarioFiles.Load(Path.Combine(args.Scenarios, MainnetScenario), Console.Error);
        string stressPath = Path.Combine(args.Scenarios, StressScenario);
        if (cascade is null || mainnet is null) return ExitCodes.BadInput;
        if (!args.SkipStress && !File.Exists(stressPath))
        {
            Console.Error.WriteLine($"{stressPath}: file not found [file-not-found]");
            return ExitCodes.BadInput;
        }
        // --quick: enough to exercise every path in seconds.
        int? cascadeTicks = args.Quick ? 6 : null, mainnetTicks = args.Quick ? 30 : null;
        var ceilingSize = args.Quick ? new CeilingSize(2_000, 10, 3, 20) : new CeilingSize(10_000, 10, 4, 40);
        void Progress(string what) { if (!args.Quiet) Console.Error.WriteLine($"bench: {what}"); }

        try
        {
            Progress($"reference engine: {CascadeScenario}, {MainnetScenario}");
            var cascadeReference = Reference(cascade, cascadeTicks);
            if (!args.Quick)
            {
                // The first runs compiled the code; time the next ones.
                Reference(mainnet, mainnetTicks);
                cascadeReference = Reference(cascade, cascadeTicks);
            }
            var mainnetReference = Repeat(args.Repeat, () => Reference(mainnet, mainnetTicks).Seconds);

            var ceiling = new List<double>();
            var mainnetOrleans = new List<double>();
            var transports = Transports.ByName.Keys.OrderBy(name => name != Transports.Default)
                .Select(name => new TransportResult(name)).ToList();
            // Transports take turns, a fresh silo each, so drifting load on a shared machine hits them alike. The
            // first round is a warm-up: compiling the engine's code (tiered compilation is off) is not measured.
            for (int i = args.Quick ? 1 : 0; i <= args.Repeat; i++)
            {
                bool measured = i > 0;
                foreach (var transport in transports)
                {
                    string name = transport.Transport;
                    string turn = measured ? $"{i}/{args.Repeat}" : "warm-up";
                    // Errors only: a finished run's last progress event may reach a follower that has just unsubscribed (a warning).
                    await using var silo = await EmbeddedSilo.StartAsync(new EmbeddedSiloOptions(null, ScenarioFiles.Kinds, LogLevel.Error, Transports.Parse(name)), cancel);
                    if (name == Transports.Default)
                    {
                        Progress($"{turn} (a) one-way messaging ceiling: {ceilingSize}");
                        double rate = await Ceiling(silo, ceilingSize, cancel);
                        Progress($"{turn} (d) {MainnetScenario} on Orleans ({name})");
                        double seconds = (await RunOrleans(silo, mainnet, mainnetTicks, cancel)).Sample.Seconds;
                        if (measured) { ceiling.Add(rate); mainnetOrleans.Add(seconds); }
                    }
                    Progress($"{turn} (b, f) {CascadeScenario} over {name}");
                    var (sample, outcome) = await RunOrleans(silo, cascade, cascadeTicks, cancel);
                    bool matches = outcome.TimelineCsv == cascadeReference.Result.TimelineCsv && outcome.SummaryJson == cascadeReference.Result.SummaryJson
                        && outcome.EventLines.SequenceEqual(cascadeReference.Result.EventLines);
                    transport.MatchesReference &= matches;
                    if (measured) transport.Samples.Add(sample);
                }
            }

            List<(double Seconds, long PeakBytes)>? stress = null;
            if (!args.SkipStress)
            {
                Progress($"(e) {StressScenario} in a child process ({Transports.Default})");
                stress = [];
                for (int i = 0; i < args.Repeat; i++) stress.Add(await RunChild(stressPath, cancel));
            }

            var report = new BenchReport(args, ceilingSize, Median(ceiling), transports, Median(mainnetOrleans), Median(mainnetReference),
                cascadeReference.Seconds, stress, ceiling, mainnetOrleans, mainnetReference);
            report.Print();
            string file = args.Output ?? Path.Combine("runs", $"bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            File.WriteAllText(file, report.Json());
            AnsiConsole.MarkupLine($"results: [link]{Markup.Escape(Path.GetFullPath(file))}[/]");
            return transports.All(t => t.MatchesReference) ? ExitCodes.Ok : ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("bench cancelled");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"bench failed: {e.GetType().Name}: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>The ceiling's shape: <see cref="Roots"/> messages each forwarded to <see cref="FanOut"/> grains for
    /// <see cref="Hops"/> hops, among <see cref="Grains"/> grains.</summary>
    private sealed record CeilingSize(int Grains, int FanOut, int Hops, int Roots)
    {
        public long Messages => Roots * Enumerable.Range(0, Hops + 1).Sum(h => (long)Math.Pow(FanOut, h));

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Grains:N0} grains, fan-out {FanOut}, {Hops} hops, {Messages:N0} one-way messages");
    }

    /// <summary>Messages per second through [OneWay] calls between trivial grains (all activated beforehand).</summary>
    private static async Task<double> Ceiling(EmbeddedSilo silo, CeilingSize size, CancellationToken cancel)
    {
        var counter = silo.Services.GetRequiredService<BenchCounter>();
        var activated = counter.Expect(size.Grains);
        for (int k = 0; k < size.Grains; k++) await silo.Client.GetGrain<IBenchGrain>(k).Hop(0, size.FanOut, size.Grains);
        await activated.WaitAsync(TimeSpan.FromMinutes(2), cancel);

        var done = counter.Expect(size.Messages);
        var clock = Stopwatch.StartNew();
        for (int r = 0; r < size.Roots; r++)
            await silo.Client.GetGrain<IBenchGrain>((long)r * size.Grains / size.Roots).Hop(size.Hops, size.FanOut, size.Grains);
        await done.WaitAsync(TimeSpan.FromMinutes(2), cancel);
        return size.Messages / clock.Elapsed.TotalSeconds;
    }

    private static async Task<(EngineSample Sample, RunOutcome Outcome)> RunOrleans(EmbeddedSilo silo, ScenarioFile file, int? ticks, CancellationToken cancel)
    {
        var run = new RunDefinition(GrainKeys.NewRunId(file.Scenario.Name), file.Path, file.Text, null, ticks);
        var clock = Stopwatch.StartNew();
        var outcome = await new OrleansEngine(silo.Client).RunAsync(run, null, cancel);
        return (new EngineSample(clock.Elapsed.TotalSeconds, outcome.CascadeMessages, outcome.GrainCalls), outcome);
    }

    private static (double Seconds, RunResult Result) Reference(ScenarioFile file, int? ticks)
    {
        var scenario = ticks is { } t ? file.Scenario with { Ticks = file.Scenario.Ticks with { Count = t } } : file.Scenario;
        var clock = Stopwatch.StartNew();
        var result = new ReferenceEngine(ScenarioFiles.Kinds.Behaviours).Run(scenario);
        return (clock.Elapsed.TotalSeconds, result);
    }

    /// <summary><c>restaking run FILE --quiet --no-dashboard</c> as a child process; its run-info.json gives the engine's
    /// wall time and the process's peak working set.</summary>
    private static async Task<(double Seconds, long PeakBytes)> RunChild(string scenario, CancellationToken cancel)
    {
        string output = Path.Combine(Path.GetTempPath(), "restaking-bench-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Run through the dotnet host (dotnet restaking.dll) or the apphost (restaking).
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(BenchCommand).Assembly.Location);
        foreach (var a in new[] { "run", scenario, "--quiet", "--no-dashboard", "--out", output }) start.ArgumentList.Add(a);
        try
        {
            using var child = Process.Start(start)!;
            var stdout = child.StandardOutput.ReadToEndAsync(cancel);
            var stderr = child.StandardError.ReadToEndAsync(cancel);
            await child.WaitForExitAsync(cancel);
            if (child.ExitCode != 0) throw new InvalidOperationException($"run {scenario} exited {child.ExitCode}: {(await stderr).Trim()}");
            await stdout;
            using var info = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "run-info.json")));
            return (info.RootElement.GetProperty("wallSeconds").GetDouble(), info.RootElement.GetProperty("peakWorkingSetBytes").GetInt64());
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    private static List<double> Repeat(int times, Func<double> measure) => Enumerable.Range(0, times).Select(_ => measure()).ToList();

    private static double Median(IReadOnlyList<double> values) => values.Order().ElementAt(values.Count / 2);

    private sealed record BenchReport(
        BenchArguments Args, CeilingSize Size, double CeilingRate, List<TransportResult> Transports, double MainnetOrleans, double MainnetReference,
        double CascadeReference, List<(double Seconds, long PeakBytes)>? Stress, List<double> CeilingSamples, List<double> MainnetOrleansSamples,
        List<double> MainnetReferenceSamples)
    {
        private TransportResult Default => Transports.First(t => t.Transport == Cli.Transports.Default);
        private double CascadeRate => Default.Median.MessagesPerSecond;
        private double Ratio => CascadeRate / CeilingRate;
        private double MainnetRatio => MainnetOrleans / MainnetReference;

        public void Print()
        {
            var table = new Table().Title($"[bold]restaking bench[/] (median of {Args.Repeat}{(Args.Quick ? ", --quick: smoke sizes" : "")})")
                .AddColumn("").AddColumn("measure").AddColumn(new TableColumn("value").RightAligned()).AddColumn("aim");
            table.AddRow("a", "messaging ceiling", $"{Rate(CeilingRate)} msg/s", "");
            table.AddRow("b", $"cascade over {Default.Transport}", $"{Rate(CascadeRate)} msg/s", "");
            table.AddRow("c", "b / a", Fixed(Ratio, "0.00"), "≥ 0.5");
            table.AddRow("d", "mainnet orleans / reference", $"{Seconds(MainnetOrleans)} / {Seconds(MainnetReference)} = {Fixed(MainnetRatio, "0.0")}×", "≤ 20");
            if (Stress is not null)
                table.AddRow("e", "stress-1m wall, peak memory",
                    $"{Seconds(Median(Stress.Select(s => s.Seconds).ToList()))}, {Mib(Median(Stress.Select(s => (double)s.PeakBytes).ToList()))}", "≤ 120 s, 6 GiB");
            foreach (var t in Transports)
                table.AddRow("f", $"cascade over {t.Transport}{(t.MatchesReference ? "" : " [red]≠ reference[/]")}",
                    $"{Seconds(t.Median.Seconds)}, {Rate(t.Median.MessagesPerSecond)} msg/s = {Fixed(t.Median.MessagesPerSecond / CeilingRate, "0.00")} a",
                    $"{Fixed(t.Median.Seconds / Default.Median.Seconds, "0.00")}× {Default.Transport}");
            table.AddRow("", "cascade, reference engine", Seconds(CascadeReference), "");
            AnsiConsole.Write(table);
            AnsiConsole.WriteLine($"a: [OneWay] calls between trivial grains: {Size}");
            AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"b, f: {CascadeScenario}, {Default.Median.Messages:N0} cascade messages in {Default.Median.Calls:N0} grain calls over {Default.Transport} (engine wall time)"));
            if (Stress is not null) AnsiConsole.WriteLine($"e: {StressScenario} in a child process, its run-info.json (engine wall time, peak working set)");
        }

        public string Json()
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteString("startedUtc", DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture));
                w.WriteNumber("repeat", Args.Repeat);
                w.WriteBoolean("quick", Args.Quick);
                w.WriteString("defaultTransport", Cli.Transports.Default);
                w.WriteStartObject("ceiling");
                w.WriteNumber("grains", Size.Grains);
                w.WriteNumber("fanOut", Size.FanOut);
                w.WriteNumber("hops", Size.Hops);
                w.WriteNumber("messages", Size.Messages);
                w.WriteNumber("messagesPerSecond", Math.Round(CeilingRate));
                Samples(w, CeilingSamples);
                w.WriteEndObject();
                w.WriteNumber("cascadeMessagesPerSecond", Math.Round(CascadeRate));
                w.WriteNumber("cascadeToCeiling", Math.Round(Ratio, 3));
                w.WriteStartObject("mainnet");
                w.WriteNumber("orleansSeconds", Math.Round(MainnetOrleans, 3));
                w.WriteNumber("referenceSeconds", Math.Round(MainnetReference, 3));
                w.WriteNumber("ratio", Math.Round(MainnetRatio, 2));
                w.WriteStartArray("orleansSamples");
                foreach (var s in MainnetOrleansSamples) w.WriteNumberValue(Math.Round(s, 3));
                w.WriteEndArray();
                w.WriteStartArray("referenceSamples");
                foreach (var s in MainnetReferenceSamples) w.WriteNumberValue(Math.Round(s, 3));
                w.WriteEndArray();
                w.WriteEndObject();
                if (Stress is not null)
                {
                    w.WriteStartObject("stress");
                    w.WriteNumber("seconds", Math.Round(Median(Stress.Select(s => s.Seconds).ToList()), 3));
                    w.WriteNumber("peakWorkingSetBytes", (long)Median(Stress.Select(s => (double)s.PeakBytes).ToList()));
                    w.WriteStartArray("samples");
                    foreach (var (seconds, peak) in Stress)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("seconds", seconds);
                        w.WriteNumber("peakWorkingSetBytes", peak);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteStartObject("cascade");
                w.WriteNumber("referenceSeconds", Math.Round(CascadeReference, 3));
                foreach (var t in Transports)
                {
                    w.WriteStartObject(t.Transport);
                    w.WriteNumber("seconds", Math.Round(t.Median.Seconds, 3));
                    w.WriteNumber("messages", t.Median.Messages);
                    w.WriteNumber("grainCalls", t.Median.Calls);
                    w.WriteNumber("messagesPerSecond", Math.Round(t.Median.MessagesPerSecond));
                    w.WriteNumber("grainCallsPerSecond", Math.Round(t.Median.CallsPerSecond));
                    w.WriteBoolean("matchesReference", t.MatchesReference);
                    Samples(w, t.Samples.Select(s => s.Seconds).ToList());
                    w.WriteEndObject();
                }
                w.WriteEndObject();
                Cli.RunInfo.WriteMachine(w);
                w.WriteEndObject();
            }
            return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
        }

        private static void Samples(Utf8JsonWriter w, IEnumerable<double> samples)
        {
            w.WriteStartArray("samples");
            foreach (var s in samples) w.WriteNumberValue(Math.Round(s, 3));
            w.WriteEndArray();
        }

        private static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);
        private static string Seconds(double s) => s.ToString("0.00", CultureInfo.InvariantCulture) + " s";
        private static string Fixed(double x, string format) => x.ToString(format, CultureInfo.InvariantCulture);
        private static string Mib(double bytes) => (bytes / (1 << 20)).ToString("N0", CultureInfo.InvariantCulture) + " MiB";
    }
}
