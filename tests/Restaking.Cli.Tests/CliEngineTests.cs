using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Restaking.Cli.Tests;

/// <summary>The CLI's two engines and the embedded silo's dashboard, end to end in child processes.</summary>
public sealed class CliEngineTests : IDisposable
{
    private static readonly string[] Deterministic = ["timeline.csv", "summary.json", "events.jsonl"];

    private readonly string temp = Path.Combine(Path.GetTempPath(), "restaking-cli-engine-tests-" + Guid.NewGuid().ToString("N"));

    public CliEngineTests() => Directory.CreateDirectory(temp);

    public void Dispose()
    {
        if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
    }

    [Fact]
    public void Orleans_and_reference_engines_write_byte_identical_timeline_summary_and_events()
    {
        string orleans = Path.Combine(temp, "orleans"), reference = Path.Combine(temp, "reference");

        var o = Cli.Run("run", Cli.Quickstart, "--engine", "orleans", "--no-dashboard", "--quiet", "--out", orleans);
        var r = Cli.Run("run", Cli.Quickstart, "--engine", "reference", "--quiet", "--out", reference);

        Assert.True(o.ExitCode == 0, o.Err);
        Assert.True(r.ExitCode == 0, r.Err);
        foreach (var name in Deterministic)
            Assert.True(File.ReadAllBytes(Path.Combine(orleans, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(reference, name))), name + " differs");
        Assert.Contains("\"engine\": \"orleans\"", File.ReadAllText(Path.Combine(orleans, "run-info.json")));
        Assert.Contains("\"engine\": \"reference\"", File.ReadAllText(Path.Combine(reference, "run-info.json")));
    }

    [Fact]
    public async Task A_held_run_serves_the_dashboard_over_http_until_sigint_then_exits_0_with_its_outputs_written()
    {
        int port = Cli.FreePort();
        string outDir = Path.Combine(temp, "held");
        string dashboard = $"http://127.0.0.1:{port}/dashboard/";
        using var held = new RunningCli("run", Cli.Quickstart, "--port", port.ToString(CultureInfo.InvariantCulture), "--hold", "--quiet", "--out", outDir);

        var started = System.Diagnostics.Stopwatch.StartNew();
        await held.ErrorLine("holding the silo", TimeSpan.FromSeconds(60));
        TestContext.Current.TestOutputHelper?.WriteLine($"holding {started.Elapsed.TotalSeconds:0.0} s after start");
        Assert.Contains("dashboard: " + dashboard, held.Err);
        // The outputs are written before the silo is held.
        foreach (var name in Deterministic) Assert.True(File.Exists(Path.Combine(outDir, name)), name + " not written before holding");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var cancel = TestContext.Current.CancellationToken;
        using (var page = await http.GetAsync(dashboard, cancel))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("<title>Orleans Dashboard</title>", await page.Content.ReadAsStringAsync(cancel));
        }
        // The dashboard's grain-type list (its API, as its own page calls it) knows this simulator's grain classes …
        string types = await http.GetStringAsync(dashboard + "GrainTypes", cancel);
        Assert.Contains("\"Restaking.Grains.OperatorGrain\"", types);
        Assert.Contains("\"Restaking.Grains.Runs.RunCoordinatorGrain\"", types);
        // … and its counters (collected by the dashboard in the background) show the finished run's activations,
        // still held: quickstart's four operators.
        Assert.Equal(4, await OperatorActivations(http, dashboard + "DashboardCounters", TimeSpan.FromSeconds(30)));
        // … and its per-method rates show the cascade reaching the operators: batches delivered to their inbox and rounds
        // applied (which hop each message was is in events.jsonl and the contagion view, not in a method name).
        var methods = await MethodCalls(http, dashboard + "GrainStats/Restaking.Grains.OperatorGrain", "Deliver", TimeSpan.FromSeconds(30));
        Assert.True(methods.GetValueOrDefault("Deliver") > 0, "OperatorGrain methods: " + string.Join(", ", methods));
        Assert.True(methods.GetValueOrDefault("ProcessRound") > 0, "OperatorGrain methods: " + string.Join(", ", methods));

        var signalled = System.Diagnostics.Stopwatch.StartNew();
        held.Interrupt();

        int exit = await held.ExitCode(TimeSpan.FromSeconds(30));
        TestContext.Current.TestOutputHelper?.WriteLine($"exited {signalled.Elapsed.TotalSeconds:0.0} s after the signal");
        Assert.True(exit == 0, $"exit code {exit} after SIGINT; stderr:\n{held.Err}");
        Assert.Contains("stopping the silo", held.Err);
        Assert.Equal(["events.jsonl", "run-info.json", "summary.json", "timeline.csv"],
            Directory.GetFiles(outDir).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void A_dashboard_port_in_use_exits_2_naming_port_without_a_stack_trace_and_writes_nothing()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        string port = ((IPEndPoint)occupant.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        string outDir = Path.Combine(temp, "port-in-use");

        var r = Cli.Run("run", Cli.Quickstart, "--port", port, "--quiet", "--out", outDir);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--port", r.Err);
        Assert.Contains(port, r.Err);
        Cli.AssertNoStackTrace(r);
        Assert.False(Directory.Exists(outDir), "output folder created");
    }

    [Fact]
    public void Hold_with_the_reference_engine_exits_2_and_writes_nothing()
    {
        string outDir = Path.Combine(temp, "hold-reference");

        var r = Cli.Run("run", Cli.Quickstart, "--engine", "reference", "--hold", "--quiet", "--out", outDir);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--hold", r.Err);
        Cli.AssertNoStackTrace(r);
        Assert.False(Directory.Exists(outDir), "output folder created");
    }

    /// <summary>Calls per method of one grain class over the dashboard's recent history, once <paramref name="awaited"/> shows.</summary>
    private static async Task<Dictionary<string, int>> MethodCalls(HttpClient http, string statsUrl, string awaited, TimeSpan timeout)
    {
        var cancel = TestContext.Current.CancellationToken;
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync(statsUrl, cancel));
            // Keys are "{grain class}.{method}"; each holds per-second periods with a call count.
            var calls = doc.RootElement.EnumerateObject().ToDictionary(
                m => m.Name[(m.Name.LastIndexOf('.') + 1)..],
                m => m.Value.EnumerateObject().Sum(p => p.Value.GetProperty("count").GetInt32()));
            if (calls.GetValueOrDefault(awaited) > 0 || DateTime.UtcNow > deadline) return calls;
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancel);
        }
    }

    /// <summary>Activations of OperatorGrain in the dashboard's counters (summed over silos), once it reports any.</summary>
    private static async Task<int> OperatorActivations(HttpClient http, string countersUrl, TimeSpan timeout)
    {
        var cancel = TestContext.Current.CancellationToken;
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync(countersUrl, cancel));
            int count = doc.RootElement.GetProperty("simpleGrainStats").EnumerateArray()
                .Where(s => s.GetProperty("grainType").GetString() == "Restaking.Grains.OperatorGrain")
                .Sum(s => s.GetProperty("activationCount").GetInt32());
            if (count > 0 || DateTime.UtcNow > deadline) return count;
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancel);
        }
    }
}
