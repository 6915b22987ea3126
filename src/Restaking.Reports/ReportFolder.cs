using System.Text;

namespace Restaking.Reports;

/// <summary>Builds report.html for a run folder (timeline.csv, summary.json, events.jsonl) or a Monte Carlo folder
/// (montecarlo.csv, montecarlo-summary.json): <c>restaking report DIR</c>, and what run and montecarlo write.</summary>
public static class ReportFolder
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The report of the folder's files; null (with the reason) when it holds neither kind of outputs.</summary>
    public static string? Build(string directory, out string? missing)
    {
        missing = null;
        if (File.Exists(Path.Combine(directory, MonteCarloHtml.Csv)))
        {
            string summary = Path.Combine(directory, MonteCarloHtml.Summary);
            if (!File.Exists(summary)) { missing = MonteCarloHtml.Summary; return null; }
            return MonteCarloHtml.Html(File.ReadAllText(Path.Combine(directory, MonteCarloHtml.Csv)), File.ReadAllText(summary));
        }
        foreach (var name in new[] { "timeline.csv", "summary.json", "events.jsonl" })
            if (!File.Exists(Path.Combine(directory, name))) { missing = name; return null; }
        return RunReport.Html(File.ReadAllText(Path.Combine(directory, "timeline.csv")), File.ReadAllText(Path.Combine(directory, "summary.json")),
            File.ReadAllLines(Path.Combine(directory, "events.jsonl")));
    }

    /// <summary>Writes report.html (UTF-8, no BOM) through a temporary file, so a failure leaves no half-written report.</summary>
    public static void Write(string directory, string html)
    {
        string final = Path.Combine(directory, RunReport.FileName), temp = final + ".partial";
        File.WriteAllText(temp, html, Utf8);
        File.Move(temp, final, overwrite: true);
    }
}
