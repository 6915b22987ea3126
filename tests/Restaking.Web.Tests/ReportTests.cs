using OpenQA.Selenium;
using OpenQA.Selenium.Chromium;
using CliProcess = Restaking.Cli.Tests.Cli;

namespace Restaking.Web.Tests;

/// <summary>report.html is one self-contained file: opened from disk with the browser's network switched off, it shows
/// its charts and asks for nothing over the network.</summary>
public sealed class ReportTests
{
    [Fact]
    public void Report_opens_offline_and_shows_its_charts()
    {
        string outDir = Directory.CreateTempSubdirectory("restaking-web-report-").FullName;
        try
        {
            var result = CliProcess.Run("run", CliProcess.Quickstart, "--engine", "reference", "--quiet", "--out", outDir);
            Assert.True(result.ExitCode == 0, result.Err);
            string report = Path.Combine(outDir, "report.html");
            Assert.True(File.Exists(report), "report.html is missing");

            using var browser = new Browser();
            browser.Driver.NetworkConditions = new ChromiumNetworkConditions { IsOffline = true };
            browser.Driver.Navigate().GoToUrl(new Uri(report).AbsoluteUri);
            browser.Until(d => ((IJavaScriptExecutor)d).ExecuteScript("return document.readyState") as string == "complete", what: "report loaded");

            var charts = browser.Driver.FindElements(By.CssSelector("svg.chart"));
            Assert.True(charts.Count >= 5, $"{charts.Count} charts");
            // Each chart draws data: at least one line or bar.
            Assert.All(charts, c => Assert.NotEmpty(c.FindElements(By.CssSelector("polyline, path, rect"))));
            Assert.Contains("Restaked value", browser.Driver.FindElement(By.TagName("body")).Text);
            var requests = (IReadOnlyCollection<object>)browser.Js(
                "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith('data:') && !n.startsWith('file:'));")!;
            Assert.Empty(requests);
            browser.Screenshot("report-offline");
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }
}
