using System.Globalization;
using System.Text.Json.Nodes;
using OpenQA.Selenium;

namespace Restaking.Web.Tests;

/// <summary>
/// What a run's page must show once the whole run reached it (issue 14, point 7): the run, a graph with the API's node
/// count, the slashed operators and compromised services marked at the last tick and not at tick 1 on the slider, charts
/// with data, an event table that follows the slider. Facts come from the page's data-* attributes and window.__restaking
/// (the canvas is not scraped); what to expect comes from the run's own events.jsonl and timeline.csv.
/// </summary>
internal static class RunPageChecks
{
    /// <param name="pageUrl">The page to open, or null when the browser is on it already (opened while the run went on).</param>
    /// <param name="runDir">The run's output folder, read once the page has the whole run.</param>
    public static void AssertRunPage(Browser browser, string? pageUrl, string scenarioName, int graphNodes, string runDir, string shotPrefix)
    {
        if (pageUrl is not null) browser.Driver.Navigate().GoToUrl(pageUrl);
        int ticks = File.ReadAllLines(Path.Combine(runDir, "timeline.csv")).Count(l => l.Length > 0) - 1;
        browser.Until(_ => Hooks(browser)["ended"] is true && Convert.ToInt32(Hooks(browser)["ticksDone"], CultureInfo.InvariantCulture) == ticks,
            seconds: 120, what: "the whole run on the page");
        var events = File.ReadAllLines(Path.Combine(runDir, "events.jsonl")).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!).ToList();
        string[] TargetsOf(string kind, int upToTick) => events
            .Where(e => (string)e["kind"]! == kind && (int)e["tick"]! <= upToTick).Select(e => (string)e["target"]!).Distinct().ToArray();
        var slashed = TargetsOf("slash", int.MaxValue);
        var compromised = TargetsOf("compromise", int.MaxValue);
        Assert.NotEmpty(slashed);
        Assert.NotEmpty(compromised);
        var hooks = Hooks(browser);
        Assert.Null(hooks["renderError"]);
        Assert.Null(hooks["error"]);

        // The page shows the run.
        Assert.Contains(scenarioName, browser.Driver.FindElement(By.CssSelector(".run-head h1")).Text);
        Assert.Equal("finished", browser.Driver.FindElement(By.CssSelector(".run-head .status")).GetAttribute("data-status"));

        // The graph has every node of the run's graph.
        var graph = browser.Driver.FindElement(By.Id("graph"));
        Assert.Equal(graphNodes, int.Parse(graph.GetAttribute("data-node-count")!, CultureInfo.InvariantCulture));
        Assert.Equal(graphNodes, Convert.ToInt32(hooks["nodeCount"], CultureInfo.InvariantCulture));

        // After the run: the slashed operators and compromised services are marked.
        browser.Until(d => d.FindElement(By.Id("graph")).GetAttribute("data-tick") == (ticks - 1).ToString(CultureInfo.InvariantCulture), what: "the last tick shown");
        var marked = Marked(browser);
        Assert.All(slashed.Concat(compromised), id => Assert.Contains(id, marked));
        browser.Screenshot(shotPrefix + "-final-tick");

        // The charts have data: a point per tick and series at least.
        var charts = browser.Driver.FindElements(By.CssSelector(".chart"));
        Assert.Equal(5, charts.Count);
        Assert.All(charts, c => Assert.True(int.Parse(c.GetAttribute("data-chart-points")!, CultureInfo.InvariantCulture) >= ticks,
            c.GetAttribute("data-chart") + " has no data"));

        // Tick 1 on the slider: the first fault comes later, so none of them is marked yet.
        Assert.Empty(TargetsOf("slash", 1).Concat(TargetsOf("compromise", 1)));
        var slider = browser.Driver.FindElement(By.Id("tick-slider"));
        MoveSlider(browser, slider, 1);
        browser.Until(d => d.FindElement(By.Id("graph")).GetAttribute("data-tick") == "1", what: "tick 1 shown");
        var markedAtTick1 = Marked(browser);
        Assert.All(slashed.Concat(compromised), id => Assert.DoesNotContain(id, markedAtTick1));
        browser.Screenshot(shotPrefix + "-tick-1");

        // The event table follows the slider: nothing up to tick 1, every event at the last tick.
        Assert.Equal("0", browser.Driver.FindElement(By.Id("events-count")).GetAttribute("data-count"));
        MoveSlider(browser, slider, ticks - 1);
        browser.Until(d => d.FindElement(By.Id("events-count")).GetAttribute("data-count") == events.Count.ToString(CultureInfo.InvariantCulture),
            what: "every event listed");
    }

    /// <summary>Moves the range input as a user's drag does: a new value, then its input event.</summary>
    private static void MoveSlider(Browser browser, IWebElement slider, int tick) =>
        browser.Js("arguments[0].value = String(arguments[1]); arguments[0].dispatchEvent(new Event('input', { bubbles: true }));", slider, tick);

    private static Dictionary<string, object?> Hooks(Browser browser) =>
        ((IReadOnlyDictionary<string, object?>)browser.Js(
            "const h = window.__restaking; return h ? { ended: h.ended, ticksDone: h.ticksDone, nodeCount: h.nodeCount, " +
            "renderError: h.renderError, error: h.error } : { ended: false, ticksDone: 0 };")!)
        .ToDictionary(kv => kv.Key, kv => kv.Value);

    private static string[] Marked(Browser browser) =>
        (browser.Driver.FindElement(By.Id("graph")).GetAttribute("data-marked") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
}
