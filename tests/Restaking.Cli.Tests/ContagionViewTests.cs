using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Restaking.Cli.Tests;

/// <summary>Issue 14's back end, end to end: report.html, the contagion tree, --pace, the HTTP API on a held run and
/// restaking view (docs/contagion-view.md, docs/report.md).</summary>
public sealed class ContagionViewTests : IDisposable
{
    private static readonly string[] Deterministic = ["timeline.csv", "summary.json", "events.jsonl"];

    private readonly string temp = Path.Combine(Path.GetTempPath(), "restaking-view-tests-" + Guid.NewGuid().ToString("N"));

    public ContagionViewTests() => Directory.CreateDirectory(temp);

    public void Dispose()
    {
        if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void Run_writes_report_html_that_report_DIR_rebuilds_byte_identically_and_both_engines_agree_on()
    {
        string reference = Path.Combine(temp, "reference"), orleans = Path.Combine(temp, "orleans");
        var r = Cli.Run("run", Cli.Quickstart, "--engine", "reference", "--quiet", "--out", reference);
        var o = Cli.Run("run", Cli.Quickstart, "--no-dashboard", "--quiet", "--out", orleans);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.True(o.ExitCode == 0, o.Err);
        byte[] written = File.ReadAllBytes(Path.Combine(reference, "report.html"));
        Assert.Equal(written, File.ReadAllBytes(Path.Combine(orleans, "report.html")));

        File.Delete(Path.Combine(reference, "report.html"));
        var rebuilt = Cli.Run("report", reference);
        Assert.True(rebuilt.ExitCode == 0, rebuilt.Err);
        Assert.Equal(written, File.ReadAllBytes(Path.Combine(reference, "report.html")));

        string html = Encoding.UTF8.GetString(written);
        // Self-contained: charts are inline SVG, nothing is fetched.
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("<link", html);
        Assert.True(html.Split("<svg xmlns").Length - 1 >= 4, "expected at least four charts");
        // quickstart's contagion: op-a's equivocation, the adversary takes the bridge, which is drained.
        Assert.Contains("fault op-a-equivocates", html);
        Assert.Contains("compromise adversary → bridge-1: 15,000 ETH", html);
        Assert.Contains("drain bridge-1 → steth: 15,000 ETH", html);
    }

    [Fact]
    public void Report_of_a_folder_without_outputs_exits_2_without_a_stack_trace()
    {
        var r = Cli.Run("report", temp);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("timeline.csv is missing", r.Err);
        Cli.AssertNoStackTrace(r);
        Assert.False(File.Exists(Path.Combine(temp, "report.html")));
    }

    [Fact]
    public void Montecarlo_report_marks_var_and_es_and_report_DIR_rebuilds_it_byte_identically()
    {
        string small = Path.Combine(Cli.RepoRoot, "tests", "Restaking.Domain.Tests", "MonteCarlo", "montecarlo-small.json");
        string outDir = Path.Combine(temp, "mc");
        var r = Cli.Run("montecarlo", small, "--trials", "8", "--quiet", "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Err);
        byte[] written = File.ReadAllBytes(Path.Combine(outDir, "report.html"));
        File.Delete(Path.Combine(outDir, "report.html"));
        var rebuilt = Cli.Run("report", outDir);
        Assert.True(rebuilt.ExitCode == 0, rebuilt.Err);
        Assert.Equal(written, File.ReadAllBytes(Path.Combine(outDir, "report.html")));
        string html = Encoding.UTF8.GetString(written);
        Assert.Contains("VaR 95 %", html);
        Assert.Contains("ES 99 %", html);
        Assert.Contains("P(compromise) per service", html);
    }

    [Fact]
    public void Run_prints_the_contagion_tree_unless_quiet()
    {
        var loud = Cli.Run("run", Cli.Quickstart, "--engine", "reference", "--out", Path.Combine(temp, "loud"));
        var quiet = Cli.Run("run", Cli.Quickstart, "--engine", "reference", "--quiet", "--out", Path.Combine(temp, "quiet"));
        Assert.True(loud.ExitCode == 0, loud.Err);
        Assert.True(quiet.ExitCode == 0, quiet.Err);
        Assert.Contains("fault op-a-equivocates", loud.Out);
        Assert.Contains("slash oracle-1 → op-a: 4,800 ETH", loud.Out);
        Assert.Contains("fault steth-mass-slashing", loud.Out);
        Assert.DoesNotContain("fault ", quiet.Out);
        Assert.DoesNotContain("contagion", quiet.Out + quiet.Err);
    }

    [Fact]
    public void Pace_leaves_the_outputs_unchanged_on_both_engines_and_a_bad_pace_exits_2()
    {
        string plain = Path.Combine(temp, "plain"), pacedRef = Path.Combine(temp, "paced-ref"), pacedOrleans = Path.Combine(temp, "paced-orleans");
        var a = Cli.Run("run", Cli.Quickstart, "--engine", "reference", "--quiet", "--out", plain);
        var b = Cli.Run("run", Cli.Quickstart, "--engine", "reference", "--quiet", "--pace", "20ms", "--out", pacedRef);
        var c = Cli.Run("run", Cli.Quickstart, "--no-dashboard", "--quiet", "--pace", "20ms", "--out", pacedOrleans);
        Assert.True(a.ExitCode == 0, a.Err);
        Assert.True(b.ExitCode == 0, b.Err);
        Assert.True(c.ExitCode == 0, c.Err);
        foreach (var name in Deterministic)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(plain, name)), File.ReadAllBytes(Path.Combine(pacedRef, name)));
            Assert.Equal(File.ReadAllBytes(Path.Combine(plain, name)), File.ReadAllBytes(Path.Combine(pacedOrleans, name)));
        }
        var bad = Cli.Run("run", Cli.Quickstart, "--engine", "reference", "--pace", "soon", "--out", Path.Combine(temp, "bad"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--pace", bad.Err);
        Cli.AssertNoStackTrace(bad);
        Assert.False(Directory.Exists(Path.Combine(temp, "bad")));
    }

    [Fact]
    public async Task The_api_of_a_held_run_lists_streams_submits_and_rejects_a_bad_scenario_with_validates_lines()
    {
        int port = Cli.FreePort();
        string outDir = Path.Combine(temp, "held");
        using var held = new RunningCli("run", Cli.Quickstart, "--port", port.ToString(CultureInfo.InvariantCulture), "--hold", "--quiet", "--pace", "10ms", "--out", outDir);
        string view = await held.ErrorLine("view: ", TimeSpan.FromSeconds(90));
        string root = $"http://127.0.0.1:{port}";
        Assert.StartsWith($"view: {root}/#/runs/quickstart-", view);
        string id = view[(view.IndexOf("#/runs/", StringComparison.Ordinal) + "#/runs/".Length)..].Trim();
        await held.ErrorLine("holding the silo", TimeSpan.FromSeconds(90));
        using var http = new HttpClient { BaseAddress = new Uri(root), Timeout = TimeSpan.FromSeconds(60) };

        // The list knows the run, finished.
        using (var list = JsonDocument.Parse(await http.GetStringAsync("/api/runs", Cancel)))
        {
            var run = list.RootElement.EnumerateArray().Single(r => r.GetProperty("id").GetString() == id);
            Assert.Equal("quickstart", run.GetProperty("scenario").GetString());
            Assert.Equal("finished", run.GetProperty("status").GetString());
            Assert.Equal(30, run.GetProperty("ticksDone").GetInt32());
        }
        // The stream replays every tick with its timeline row and exactly the events of events.jsonl.
        var (ticks, events, end) = await ReadEvents(http, $"/api/runs/{id}/events?fromTick=0");
        Assert.Equal(Enumerable.Range(0, 30), ticks.Select(t => t.GetProperty("tick").GetInt32()));
        var timeline = File.ReadAllLines(Path.Combine(outDir, "timeline.csv"));
        Assert.Equal(long.Parse(timeline[3].Split(',')[1], CultureInfo.InvariantCulture), ticks[2].GetProperty("row").GetProperty("restaked_value_gwei").GetInt64());
        Assert.Equal(File.ReadAllLines(Path.Combine(outDir, "events.jsonl")), events);
        Assert.Equal("finished", end.GetProperty("status").GetString());
        var (fromTick6, _, _) = await ReadEvents(http, $"/api/runs/{id}/events?fromTick=6");
        Assert.Equal(6, fromTick6[0].GetProperty("tick").GetInt32());
        Assert.Equal(24, fromTick6.Count);

        // The graph: 3 services, 4 operators, 2 tokens, 5 staker pools, the beacon chain.
        using (var graph = JsonDocument.Parse(await http.GetStringAsync($"/api/runs/{id}/graph", Cancel)))
        {
            var nodes = graph.RootElement.GetProperty("nodes").EnumerateArray().ToArray();
            Assert.Equal(15, nodes.Length);
            Assert.Equal(5, nodes.Count(n => n.GetProperty("kind").GetString() == "staker-pool"));
            Assert.Contains(graph.RootElement.GetProperty("edges").EnumerateArray(), e => e.GetProperty("source").GetString() == "op-a"
                && e.GetProperty("target").GetString() == "oracle-1" && e.GetProperty("kind").GetString() == "allocation");
        }
        // Files: the outputs and report.html, nothing else.
        Assert.Equal(File.ReadAllBytes(Path.Combine(outDir, "report.html")), await http.GetByteArrayAsync($"/api/runs/{id}/files/report.html", Cancel));
        Assert.Equal(File.ReadAllText(Path.Combine(outDir, "summary.json")), await http.GetStringAsync($"/api/runs/{id}/files/summary.json", Cancel));
        using (var info = await http.GetAsync($"/api/runs/{id}/files/run-info.json", Cancel)) Assert.Equal(HttpStatusCode.NotFound, info.StatusCode);
        Assert.Contains("\"/api/runs/{id}/events\"", await http.GetStringAsync("/openapi/v1.json", Cancel));

        // A bad scenario: 400 with the very lines restaking validate prints for it.
        string bad = Path.Combine(temp, "bad.json");
        File.WriteAllText(bad, File.ReadAllText(Cli.Quickstart).Replace("\"seed\": 42", "\"seed\": -1", StringComparison.Ordinal)
            .Replace("\"ticks\": { \"count\": 30,", "\"ticks\": { \"count\": 0,", StringComparison.Ordinal));
        var validate = Cli.Run("validate", bad);
        Assert.Equal(2, validate.ExitCode);
        var expected = validate.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(expected.Length >= 2, validate.Err);
        using (var rejected = await http.PostAsync($"/api/runs?name={Uri.EscapeDataString(bad)}", new StringContent(File.ReadAllText(bad), Encoding.UTF8, "application/json"), Cancel))
        {
            Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
            using var body = JsonDocument.Parse(await rejected.Content.ReadAsStringAsync(Cancel));
            Assert.Equal(expected, body.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToArray());
        }

        // A good one runs on the held silo: listed, streamed to its end, its summary under GET /api/runs/{id}.
        using var created = await http.PostAsync("/api/runs?seed=7&ticks=5", new StringContent(File.ReadAllText(Cli.Quickstart), Encoding.UTF8, "application/json"), Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        string newId = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("id").GetString()!;
        Assert.Contains(newId, await http.GetStringAsync("/api/runs", Cancel));
        var (newTicks, _, newEnd) = await ReadEvents(http, $"/api/runs/{newId}/events");
        Assert.Equal(5, newTicks.Count);
        Assert.Equal("finished", newEnd.GetProperty("status").GetString());
        using (var detail = JsonDocument.Parse(await http.GetStringAsync($"/api/runs/{newId}", Cancel)))
        {
            Assert.Equal("finished", detail.RootElement.GetProperty("status").GetString());
            Assert.Equal(7UL, detail.RootElement.GetProperty("summary").GetProperty("seed").GetUInt64());
            Assert.Equal(5, detail.RootElement.GetProperty("summary").GetProperty("ticks").GetInt32());
        }
        // No secret and no path of this machine in what the list answers.
        Assert.DoesNotContain("password", await http.GetStringAsync("/api/runs", Cancel), StringComparison.OrdinalIgnoreCase);

        held.Interrupt();
        Assert.Equal(0, await held.ExitCode(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task View_serves_a_finished_reference_run_folder_until_interrupted()
    {
        string outDir = Path.Combine(temp, "folder");
        var r = Cli.Run("run", Cli.Quickstart, "--engine", "reference", "--quiet", "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Err);
        int port = Cli.FreePort();
        using var view = new RunningCli("view", outDir, "--port", port.ToString(CultureInfo.InvariantCulture));
        string line = await view.ErrorLine("view: ", TimeSpan.FromSeconds(60));
        Assert.Contains($"http://127.0.0.1:{port}/#/runs/folder", line);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        using (var list = JsonDocument.Parse(await http.GetStringAsync("/api/runs", Cancel)))
        {
            var run = Assert.Single(list.RootElement.EnumerateArray());
            Assert.Equal("folder", run.GetProperty("id").GetString());
            Assert.Equal("finished", run.GetProperty("status").GetString());
        }
        var (ticks, events, _) = await ReadEvents(http, "/api/runs/folder/events");
        Assert.Equal(30, ticks.Count);
        Assert.Equal(File.ReadAllLines(Path.Combine(outDir, "events.jsonl")), events);
        using (var graph = JsonDocument.Parse(await http.GetStringAsync("/api/runs/folder/graph", Cancel)))
            Assert.Equal(15, graph.RootElement.GetProperty("nodes").GetArrayLength());
        using (var post = await http.PostAsync("/api/runs", new StringContent("{}"), Cancel)) Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        view.Interrupt();
        Assert.Equal(0, await view.ExitCode(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void View_of_a_folder_without_the_scenario_exits_2()
    {
        var r = Cli.Run("view", temp, "--port", Cli.FreePort().ToString(CultureInfo.InvariantCulture));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("scenario.json", r.Err);
        Cli.AssertNoStackTrace(r);
    }

    /// <summary>Reads a Server-Sent Events stream to its 'end' event: the 'tick' messages, every event line in order
    /// (as compact JSON, which is how events.jsonl writes them), and the end message.</summary>
    private static async Task<(List<JsonElement> Ticks, List<string> Events, JsonElement End)> ReadEvents(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Cancel));
        var ticks = new List<JsonElement>();
        var events = new List<string>();
        string? name = null;
        while (await reader.ReadLineAsync(Cancel) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var data = JsonDocument.Parse(line[6..]).RootElement;
                if (name == "end") return (ticks, events, data);
                // A large tick comes in several messages: one entry per tick.
                if (ticks.Count == 0 || ticks[^1].GetProperty("tick").GetInt32() != data.GetProperty("tick").GetInt32()) ticks.Add(data);
                events.AddRange(data.GetProperty("events").EnumerateArray().Select(e => e.GetRawText()));
            }
        }
        Assert.Fail("the stream ended without an 'end' event");
        return default;
    }
}
