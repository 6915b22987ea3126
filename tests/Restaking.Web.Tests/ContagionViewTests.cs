using System.Text.Json.Nodes;
using OpenQA.Selenium;
using CliProcess = Restaking.Cli.Tests.Cli;

namespace Restaking.Web.Tests;

/// <summary>The contagion view in a real browser (issue 14, point 7): a quickstart run's page, its graph, the contagion
/// marks after the run and at tick 1 on the slider, the charts. Facts are read from the page's data-* attributes and
/// window.__restaking (the canvas is not scraped); the expected entities come from the run's own events.jsonl.</summary>
public sealed class ContagionViewTests : IAsyncLifetime
{
    private string runDir = "";
    private RecordedRunApi api = null!;

    public async ValueTask InitializeAsync()
    {
        runDir = Directory.CreateTempSubdirectory("restaking-web-run-").FullName;
        var result = CliProcess.Run("run", CliProcess.Quickstart, "--engine", "reference", "--quiet", "--out", runDir);
        Assert.True(result.ExitCode == 0, result.Err);
        api = await RecordedRunApi.StartAsync(CliProcess.Quickstart, runDir);
    }

    public async ValueTask DisposeAsync()
    {
        await api.DisposeAsync();
        Directory.Delete(runDir, recursive: true);
    }

    [Fact]
    public void Run_list_shows_the_run_and_links_to_the_dashboard()
    {
        using var browser = new Browser();
        browser.Driver.Navigate().GoToUrl(api.BaseUrl);
        var row = browser.Until(d => d.FindElement(By.CssSelector($"tr[data-run-id='{RecordedRunApi.RunId}']")), what: "the run's row");
        Assert.Contains("quickstart", row.Text);
        Assert.Equal("finished", row.FindElement(By.CssSelector(".status")).GetAttribute("data-status"));
        var dashboard = browser.Driver.FindElement(By.Id("nav-dashboard"));
        Assert.EndsWith("/dashboard/", dashboard.GetAttribute("href"));
        browser.Screenshot("run-list");
    }

    [Fact]
    public void Run_page_marks_the_contagion_after_the_run_and_not_at_tick_1()
    {
        var events = File.ReadAllLines(Path.Combine(runDir, "events.jsonl")).Where(l => l.Length > 0)
            .Select(l => JsonNode.Parse(l)!).ToList();
        string[] TargetsOf(string kind, int upToTick) => events
            .Where(e => (string)e["kind"]! == kind && (int)e["tick"]! <= upToTick).Select(e => (string)e["target"]!).Distinct().ToArray();
        var slashed = TargetsOf("slash", int.MaxValue);
        var compromised = TargetsOf("compromise", int.MaxValue);
        Assert.NotEmpty(slashed);
        Assert.NotEmpty(compromised);
        int ticks = File.ReadAllLines(Path.Combine(runDir, "timeline.csv")).Count(l => l.Length > 0) - 1;

        using var browser = new Browser();
        browser.Driver.Navigate().GoToUrl(api.BaseUrl + "#/runs/" + RecordedRunApi.RunId);
        browser.Until(d => Hooks(browser)["ended"] is true && Convert.ToInt32(Hooks(browser)["ticksDone"]) == ticks, what: "the whole run streamed");
        var hooks = Hooks(browser);
        Assert.Null(hooks["renderError"]);
        Assert.Null(hooks["error"]);

        // The page shows the run.
        Assert.Contains("quickstart", browser.Driver.FindElement(By.CssSelector(".run-head h1")).Text);
        Assert.Equal("finished", browser.Driver.FindElement(By.CssSelector(".run-head .status")).GetAttribute("data-status"));

        // The graph has every node of the run's graph, at least one per operator, service and token of the scenario.
        var graph = browser.Driver.FindElement(By.Id("graph"));
        int nodes = api.Graph["nodes"]!.AsArray().Count;
        Assert.Equal(nodes, int.Parse(graph.GetAttribute("data-node-count")!));
        Assert.Equal(nodes, Convert.ToInt32(hooks["nodeCount"]));
        var scenario = JsonNode.Parse(File.ReadAllText(CliProcess.Quickstart))!;
        Assert.True(nodes >= scenario["operators"]!.AsArray().Count + scenario["services"]!.AsArray().Count + scenario["tokens"]!.AsArray().Count);

        // After the run: the slashed operators and compromised services are marked.
        browser.Until(d => d.FindElement(By.Id("graph")).GetAttribute("data-tick") == (ticks - 1).ToString(), what: "the last tick shown");
        var marked = Marked(browser);
        Assert.All(slashed.Concat(compromised), id => Assert.Contains(id, marked));
        browser.Screenshot("run-final-tick");

        // The charts have data, with the cursor at the slider's tick.
        var charts = browser.Driver.FindElements(By.CssSelector(".chart"));
        Assert.Equal(5, charts.Count);
        Assert.All(charts, c => Assert.True(int.Parse(c.GetAttribute("data-chart-points")!) >= ticks, c.GetAttribute("data-chart") + " has no data"));

        // Tick 1 on the slider: nothing had happened yet (the first fault is later), so none of them is marked.
        Assert.Empty(TargetsOf("slash", 1).Concat(TargetsOf("compromise", 1)));
        var slider = browser.Driver.FindElement(By.Id("tick-slider"));
        browser.Js("arguments[0].value = '1'; arguments[0].dispatchEvent(new Event('input', { bubbles: true }));", slider);
        browser.Until(d => d.FindElement(By.Id("graph")).GetAttribute("data-tick") == "1", what: "tick 1 shown");
        var markedAtTick1 = Marked(browser);
        Assert.All(slashed.Concat(compromised), id => Assert.DoesNotContain(id, markedAtTick1));
        browser.Screenshot("run-tick-1");

        // The event table follows the slider: nothing up to tick 1, every event at the end.
        Assert.Equal("0", browser.Driver.FindElement(By.Id("events-count")).GetAttribute("data-count"));
        browser.Js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', { bubbles: true }));", slider, (ticks - 1).ToString());
        browser.Until(d => d.FindElement(By.Id("events-count")).GetAttribute("data-count") == events.Count.ToString(), what: "every event listed");
    }

    private static Dictionary<string, object?> Hooks(Browser browser) =>
        ((IReadOnlyDictionary<string, object?>)browser.Js(
            "const h = window.__restaking; return h ? { ended: h.ended, ticksDone: h.ticksDone, nodeCount: h.nodeCount, " +
            "renderError: h.renderError, error: h.error } : { ended: false, ticksDone: 0 };")!)
        .ToDictionary(kv => kv.Key, kv => kv.Value);

    private static string[] Marked(Browser browser) =>
        (browser.Driver.FindElement(By.Id("graph")).GetAttribute("data-marked") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
}
