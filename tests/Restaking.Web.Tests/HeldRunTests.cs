using System.Globalization;
using System.Text.Json.Nodes;
using OpenQA.Selenium;
using Restaking.Cli.Tests;
using CliProcess = Restaking.Cli.Tests.Cli;

namespace Restaking.Web.Tests;

/// <summary>The contagion view of a real held quickstart run (<c>restaking run … --pace … --hold</c>): the page the run
/// prints, streamed live from the silo's API while the run goes on (see <see cref="RunPageChecks"/>).</summary>
public sealed class HeldRunTests
{
    [Fact]
    public async Task Held_quickstart_run_page_shows_the_run_its_graph_its_contagion_and_charts()
    {
        string outDir = Directory.CreateTempSubdirectory("restaking-web-held-").FullName;
        try
        {
            int port = CliProcess.FreePort();
            using var held = new RunningCli("run", CliProcess.Quickstart, "--port", port.ToString(CultureInfo.InvariantCulture), "--hold",
                "--quiet", "--pace", "250ms", "--out", outDir);
            string page = (await held.ErrorLine("view: ", TimeSpan.FromSeconds(90)))["view: ".Length..].Trim();
            string runId = page[(page.IndexOf("#/runs/", StringComparison.Ordinal) + "#/runs/".Length)..];
            string root = page[..page.IndexOf('#', StringComparison.Ordinal)];

            using var browser = new Browser();
            // The run list, then the run's page, opened while the run goes on (paced): the page takes the live stream.
            browser.Driver.Navigate().GoToUrl(root);
            browser.Until(d => d.FindElement(By.CssSelector($"tr[data-run-id='{runId}']")), what: "the run in the list");
            browser.Screenshot("held-run-list");
            browser.Driver.Navigate().GoToUrl(page);

            await held.ErrorLine("holding the silo", TimeSpan.FromSeconds(120));
            using var http = new HttpClient();
            var graph = JsonNode.Parse(await http.GetStringAsync($"{root}api/runs/{Uri.EscapeDataString(runId)}/graph", TestContext.Current.CancellationToken))!;
            RunPageChecks.AssertRunPage(browser, null, "quickstart", graph["nodes"]!.AsArray().Count, outDir, "held-run");
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }
}
