using System.Text.Json.Nodes;
using OpenQA.Selenium;
using CliProcess = Restaking.Cli.Tests.Cli;

namespace Restaking.Web.Tests;

/// <summary>The contagion view in a real browser against <see cref="RecordedRunApi"/>: a real quickstart run folder
/// served through the API contract (see <see cref="RunPageChecks"/> for what the page must show).</summary>
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
        browser.Screenshot("recorded-run-list");
    }

    [Fact]
    public void Run_page_marks_the_contagion_after_the_run_and_not_at_tick_1()
    {
        var scenario = JsonNode.Parse(File.ReadAllText(CliProcess.Quickstart))!;
        int nodes = api.Graph["nodes"]!.AsArray().Count;
        Assert.True(nodes >= scenario["operators"]!.AsArray().Count + scenario["services"]!.AsArray().Count + scenario["tokens"]!.AsArray().Count);
        using var browser = new Browser();
        RunPageChecks.AssertRunPage(browser, api.BaseUrl + "#/runs/" + RecordedRunApi.RunId, "quickstart", nodes, runDir, "recorded-run");
    }
}
