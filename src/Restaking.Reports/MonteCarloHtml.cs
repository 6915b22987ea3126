using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Restaking.Reports;

/// <summary>report.html of a Monte Carlo folder (docs/report.md): the loss histogram with VaR and ES marked,
/// P(compromise) per service, loss against world size (initial restaked stake), from montecarlo.csv and
/// montecarlo-summary.json only.</summary>
public static class MonteCarloHtml
{
    public const string Csv = "montecarlo.csv", Summary = "montecarlo-summary.json";

    public static string Html(string csv, string summaryJson)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines.Length > 0 ? lines[0].Split(',') : [];
        int lossCol = Array.IndexOf(header, "loss_gwei"), worldCol = Array.IndexOf(header, "initial_restaked_gwei");
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        double Col(string[] r, int c) => c >= 0 && c < r.Length && long.TryParse(r[c], NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v / 1e9 : double.NaN;
        var losses = rows.Select(r => Col(r, lossCol)).Where(double.IsFinite).ToArray();
        using var doc = JsonDocument.Parse(summaryJson);
        var summary = doc.RootElement;
        string name = summary.TryGetProperty("scenario", out var n) ? n.GetString() ?? "montecarlo" : "montecarlo";
        var s = new StringBuilder();
        Page.Open(s, $"Restaking Monte Carlo report: {name}");
        s.Append($"<h1>Monte Carlo report: {E(name)}</h1><p class=\"meta\">");
        foreach (var key in new[] { "trials", "firstSeed", "lastSeed", "ticks", "securityModel" })
            if (summary.TryGetProperty(key, out var v)) s.Append($"<span>{E(key)}: <b>{E(v.ToString())}</b></span> ");
        s.Append("</p>");
        if (summary.TryGetProperty("loss", out var lossText)) s.Append($"<p class=\"note\">Loss: {E(lossText.GetString() ?? "")}.</p>");

        var markers = new List<(string, double, string)>();
        if (summary.TryGetProperty("lossGwei", out var loss))
        {
            s.Append("<table class=\"kv\">");
            foreach (var p in loss.EnumerateObject())
                if (p.Value.TryGetInt64(out long g)) s.Append($"<tr><th>{E(p.Name)}</th><td>{E(ContagionTree.Eth(g))}</td></tr>");
            s.Append("</table>");
            void Mark(string key, string label, string colour) { if (loss.TryGetProperty(key, out var v) && v.TryGetInt64(out long g)) markers.Add((label, g / 1e9, colour)); }
            Mark("p95", "VaR 95 %", Svg.Palette[4]);
            Mark("p99", "VaR 99 %", Svg.Palette[1]);
            Mark("es95", "ES 95 %", Svg.Palette[3]);
            Mark("es99", "ES 99 %", Svg.Palette[6]);
        }
        s.Append("<h2>Loss distribution</h2>");
        s.Append(losses.Length == 0 ? "<p>No trials.</p>" : Svg.Histogram("Loss per trial", "loss (ETH)", losses, markers));

        if (summary.TryGetProperty("services", out var services) && services.ValueKind == JsonValueKind.Array)
        {
            var bars = services.EnumerateArray()
                .Select((x, i) => (Id: x.GetProperty("id").GetString() ?? "", P: RunReport.Dec(x.GetProperty("probability")), i))
                .OrderByDescending(x => x.P).ThenBy(x => x.i).Take(40).Select(x => (x.Id, x.P * 100)).ToArray();
            s.Append("<h2>P(compromise) per service</h2>");
            if (services.GetArrayLength() > bars.Length) s.Append($"<p class=\"note\">The {bars.Length} most often compromised of {services.GetArrayLength()} services.</p>");
            s.Append(Svg.Bars("P(compromise) per service", "% of trials in which the service was compromised", bars, Svg.Palette[1],
                v => v.ToString("0.##", CultureInfo.InvariantCulture) + " %"));
        }
        if (summary.TryGetProperty("lossExceeds", out var exceeds) && exceeds.ValueKind == JsonValueKind.Array)
        {
            s.Append("<h2>P(loss exceeds a share of restaked stake)</h2><table><tr><th>share of initial restaked</th><th>trials</th><th>probability</th></tr>");
            foreach (var x in exceeds.EnumerateArray())
                s.Append($"<tr><td>{E(x.GetProperty("shareOfInitialRestaked").ToString())}</td><td>{E(x.GetProperty("trials").ToString())}</td><td>{E(x.GetProperty("probability").ToString())}</td></tr>");
            s.Append("</table>");
        }
        var points = rows.Select(r => (X: Col(r, worldCol), Y: Col(r, lossCol))).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToArray();
        s.Append("<h2>Loss against world size</h2>");
        s.Append(points.Select(p => p.X).Distinct().Count() < 2
            ? "<p>Every trial's world has the same initial restaked stake: nothing to plot against.</p>"
            : Svg.Scatter("Loss against initial restaked stake", "initial restaked (ETH)", "loss (ETH)", points, Svg.Palette[0]));
        Page.Close(s);
        return s.ToString();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
