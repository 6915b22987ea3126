using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Restaking.Reports;

/// <summary>
/// report.html of a run (docs/report.md): one self-contained page — inline SVG charts, no script, no network request —
/// built only from the run's timeline.csv, summary.json and events.jsonl, so any engine's folder gives it and the same
/// files give the same bytes.
/// </summary>
public static class RunReport
{
    public const string FileName = "report.html";

    /// <summary>Fault branches shown at the top of the contagion tree, and children shown under each event.</summary>
    public const int TreeRoots = 10, TreeChildren = 8, TreeDepth = 8;

    private const double GweiPerEth = 1e9, Wad = 1e18;

    public static string Html(string timelineCsv, string summaryJson, IReadOnlyList<string> eventLines)
    {
        var timeline = TimelineTable.Parse(timelineCsv);
        using var summaryDoc = JsonDocument.Parse(summaryJson);
        var summary = summaryDoc.RootElement;
        var events = eventLines.Where(l => l.Length > 0).Select(ContagionEvent.Parse).ToArray();
        string name = Text(summary, "scenario") ?? "run";
        var s = new StringBuilder();
        Page.Open(s, $"Restaking run report: {name}");
        s.Append($"<h1>Run report: {E(name)}</h1>");
        s.Append("<p class=\"meta\">");
        foreach (var key in new[] { "seed", "ticks", "tickSeconds", "securityModel" })
            if (summary.TryGetProperty(key, out var v)) s.Append($"<span>{E(key)}: <b>{E(v.ToString())}</b></span> ");
        s.Append("</p>");
        Headline(s, summary);

        int n = timeline.Rows.Count;
        s.Append("<h2>Restaked value</h2>");
        s.Append(Svg.Lines("Restaked value", "tick", "ETH", [new Series("restaked value (ETH)", Svg.Palette[0], Eth(timeline.Column("restaked_value_gwei")))]));

        var causes = timeline.Columns.Where(c => c.StartsWith("slashed_", StringComparison.Ordinal) && c.EndsWith("_gwei", StringComparison.Ordinal)
            && c is not "slashed_queued_gwei" and not "slashed_gwei").ToArray();
        var slashSeries = causes.Select((c, i) => new Series(c[8..^5].Replace('_', ' '), Svg.Palette[i % Svg.Palette.Length], Eth(timeline.Column(c))))
            .Where(x => x.Values.Any(v => v != 0)).ToArray();
        s.Append("<h2>Slashed by cause (cumulative)</h2>");
        s.Append(slashSeries.Length == 0 ? "<p>No stake was slashed.</p>" : Svg.Lines("Slashed by cause", "tick", "ETH", slashSeries, stacked: true));

        var tokens = timeline.TokenIds();
        if (tokens.Count > 0)
        {
            s.Append("<h2>NAV and market price per token</h2><p class=\"note\">Solid: NAV (ETH per token); dashed: market price.</p>");
            var series = new List<Series>();
            for (int t = 0; t < tokens.Count; t++)
            {
                string colour = Svg.Palette[t % Svg.Palette.Length];
                series.Add(new Series($"{tokens[t]} NAV", colour, timeline.Column($"nav_{tokens[t]}_wad").Select(v => v / Wad).ToArray()));
                series.Add(new Series($"{tokens[t]} price", colour, timeline.Column($"price_{tokens[t]}_wad").Select(v => v / Wad).ToArray(), Dashed: true));
            }
            s.Append(Svg.Lines("NAV and price per token", "tick", "ETH per token", series, fromZero: false));
        }

        s.Append("<h2>Services compromised and operators slashed</h2>");
        s.Append(Svg.Lines("Services compromised", "tick", "count",
        [
            new Series("services compromised", Svg.Palette[1], timeline.Column("services_compromised").Select(v => (double)v).ToArray()),
            new Series("operators slashed", Svg.Palette[0], timeline.Column("operators_slashed").Select(v => (double)v).ToArray(), Dashed: true),
        ]));

        var liquidations = Cumulative(events, "liquidation", n);
        var badDebt = Cumulative(events, "baddebt", n);
        s.Append("<h2>Liquidations and bad debt (cumulative)</h2>");
        s.Append(liquidations.All(v => v == 0) && badDebt.All(v => v == 0)
            ? "<p>No lending position was liquidated and no bad debt arose.</p>"
            : Svg.Lines("Liquidations and bad debt", "tick", "ETH",
            [
                new Series("debt repaid by liquidations (ETH)", Svg.Palette[2], liquidations),
                new Series("bad debt (ETH)", Svg.Palette[1], badDebt),
            ]));

        s.Append("<h2>Contagion tree</h2>");
        s.Append($"<p class=\"note\">Each fault, then each event that passed the contagion on (tick · kind source → target: amount), the {TreeRoots} largest faults and the {TreeChildren} largest branches under each event, by amount. The rule that links an event to the one before it is in docs/report.md.</p>");
        Tree(s, ContagionTree.Build(events));

        StakerReturns(s, summary);
        Services(s, events, summary);
        Tables(s, summary);
        Page.Close(s);
        return s.ToString();
    }

    private static void Headline(StringBuilder s, JsonElement summary)
    {
        s.Append("<table class=\"kv\">");
        void Row(string label, string? value) { if (value is not null) s.Append($"<tr><th>{E(label)}</th><td>{E(value)}</td></tr>"); }
        Row("initial restaked", Gwei(summary, "initialRestakedGwei"));
        Row("final restaked", Gwei(summary, "finalRestakedGwei"));
        if (summary.TryGetProperty("slashedGwei", out var slashed) && slashed.TryGetProperty("total", out var total) && total.TryGetInt64(out long t))
            Row("slashed", ContagionTree.Eth(t));
        Row("value lost", Gwei(summary, "valueLostGwei"));
        Row("operators slashed", Number(summary, "operatorsSlashed"));
        Row("attacks", Number(summary, "attacks"));
        if (summary.TryGetProperty("servicesCompromised", out var sc) && sc.ValueKind == JsonValueKind.Array)
            Row("services compromised", sc.GetArrayLength() == 0 ? "none" : $"{sc.GetArrayLength()}: " + string.Join(", ", sc.EnumerateArray().Take(20).Select(x => x.GetString()))
                + (sc.GetArrayLength() > 20 ? ", …" : ""));
        Row("events", Number(summary, "events"));
        Row("max contagion depth", Number(summary, "maxContagionDepth"));
        s.Append("</table>");
    }

    private static void Tree(StringBuilder s, IReadOnlyList<ContagionNode> roots)
    {
        if (roots.Count == 0) { s.Append("<p>No contagion events.</p>"); return; }
        s.Append("<ul class=\"tree\">");
        var (shown, more, moreGwei) = ContagionTree.Largest(roots, TreeRoots);
        foreach (var r in shown) Branch(s, r, 0);
        if (more > 0) s.Append($"<li class=\"more\">… and {more} more faults ({E(ContagionTree.Eth(moreGwei))})</li>");
        s.Append("</ul>");
    }

    private static void Branch(StringBuilder s, ContagionNode node, int depth)
    {
        s.Append("<li>");
        if (node.Children.Count > 0 && depth < TreeDepth)
        {
            s.Append($"<details{(depth < 3 ? " open" : "")}><summary>{E(ContagionTree.Label(node))}</summary><ul>");
            var (shown, more, moreGwei) = ContagionTree.Largest(node.Children, TreeChildren);
            foreach (var c in shown) Branch(s, c, depth + 1);
            if (more > 0) s.Append($"<li class=\"more\">… and {more} more ({E(ContagionTree.Eth(moreGwei))})</li>");
            s.Append("</ul></details>");
        }
        else s.Append(E(ContagionTree.Label(node)));
        s.Append("</li>");
    }

    private static void StakerReturns(StringBuilder s, JsonElement summary)
    {
        if (!summary.TryGetProperty("rewards", out var rewards) || !rewards.TryGetProperty("stakers", out var stakers)) return;
        s.Append("<h2>Staker returns</h2>");
        foreach (var (key, title) in new[] { ("runReturn", "Return over the run, per staker"), ("runReturnByPrincipal", "Return over the run, weighted by principal") })
        {
            if (!stakers.TryGetProperty(key, out var dist) || dist.ValueKind != JsonValueKind.Object) continue;
            var bars = dist.EnumerateObject().Select(p => (p.Name, Dec(p.Value) * 100)).ToArray();
            s.Append($"<h3>{E(title)}</h3>");
            s.Append(Svg.Bars(title, "% of principal (p5 … p95: percentiles across stakers)", bars, Svg.Palette[0],
                v => v.ToString("0.##", CultureInfo.InvariantCulture) + " %"));
        }
        if (stakers.TryGetProperty("lostMoney", out var lost) && lost.TryGetProperty("stakers", out var ls))
            s.Append($"<p>Stakers who lost money: <b>{E(Percent(Dec(ls)))}</b>");
        if (stakers.TryGetProperty("worseThanNotRestaking", out var worse) && worse.TryGetProperty("stakers", out var ws))
            s.Append($"; worse off than not restaking: <b>{E(Percent(Dec(ws)))}</b>");
        s.Append("</p>");
    }

    /// <summary>Per service, from the events: when it was compromised, what it slashed and what it drained.</summary>
    private static void Services(StringBuilder s, IReadOnlyList<ContagionEvent> events, JsonElement summary)
    {
        var rows = new SortedDictionary<string, (int? Compromised, long AttackedGwei, long SlashedGwei, long DrainedGwei)>(StringComparer.Ordinal);
        var compromisedList = summary.TryGetProperty("servicesCompromised", out var sc) && sc.ValueKind == JsonValueKind.Array
            ? sc.EnumerateArray().Select(x => x.GetString() ?? "").ToHashSet(StringComparer.Ordinal) : [];
        foreach (var id in compromisedList) rows[id] = rows.GetValueOrDefault(id);
        foreach (var e in events)
        {
            switch (e.Kind)
            {
                case "compromise":
                    var c = rows.GetValueOrDefault(e.Target);
                    rows[e.Target] = c with { Compromised = c.Compromised ?? e.Tick };
                    break;
                case "attack":
                    var a = rows.GetValueOrDefault(e.Target);
                    rows[e.Target] = a with { AttackedGwei = a.AttackedGwei + e.AmountGwei };
                    break;
                case "slash" when e.Source is not "adversary" and not "base-chain":
                    var sl = rows.GetValueOrDefault(e.Source);
                    rows[e.Source] = sl with { SlashedGwei = sl.SlashedGwei + e.AmountGwei };
                    break;
                case "drain":
                    var d = rows.GetValueOrDefault(e.Source);
                    rows[e.Source] = d with { DrainedGwei = d.DrainedGwei + e.AmountGwei };
                    break;
            }
        }
        s.Append("<h2>Services</h2>");
        if (rows.Count == 0) { s.Append("<p>No service slashed, was attacked or was compromised.</p>"); return; }
        s.Append("<p class=\"note\">Services that slashed, were attacked or were compromised (from events.jsonl); the largest 50 by amount.</p>");
        s.Append("<table><tr><th>service</th><th>compromised at tick</th><th>attack value at risk</th><th>slashed by it</th><th>drained</th></tr>");
        foreach (var (id, r) in rows.OrderByDescending(r => r.Value.SlashedGwei + r.Value.DrainedGwei + r.Value.AttackedGwei).ThenBy(r => r.Key, StringComparer.Ordinal).Take(50))
            s.Append($"<tr><td>{E(id)}</td><td>{(r.Compromised is { } t ? t.ToString(CultureInfo.InvariantCulture) : "—")}</td><td>{E(ContagionTree.Eth(r.AttackedGwei))}</td>"
                + $"<td>{E(ContagionTree.Eth(r.SlashedGwei))}</td><td>{E(ContagionTree.Eth(r.DrainedGwei))}</td></tr>");
        s.Append("</table>");
    }

    /// <summary>Every list of objects in summary.json (tokens, venues, lending markets, …) as a table.</summary>
    private static void Tables(StringBuilder s, JsonElement summary)
    {
        s.Append("<h2>Figures from summary.json</h2>");
        Walk(s, summary, "");
    }

    private static void Walk(StringBuilder s, JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object) return;
        foreach (var p in element.EnumerateObject())
        {
            string here = path.Length == 0 ? p.Name : path + "." + p.Name;
            if (p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() > 0 && p.Value.EnumerateArray().All(x => x.ValueKind == JsonValueKind.Object))
            {
                var items = p.Value.EnumerateArray().Take(100).ToArray();
                var columns = items.SelectMany(i => i.EnumerateObject().Where(f => f.Value.ValueKind is not JsonValueKind.Object and not JsonValueKind.Array).Select(f => f.Name))
                    .Distinct().ToArray();
                s.Append($"<h3>{E(here)}</h3><table><tr>{string.Concat(columns.Select(c => $"<th>{E(c)}</th>"))}</tr>");
                foreach (var item in items)
                    s.Append("<tr>" + string.Concat(columns.Select(c => $"<td>{E(item.TryGetProperty(c, out var v) ? Cell(c, v) : "")}</td>")) + "</tr>");
                s.Append("</table>");
                if (p.Value.GetArrayLength() > 100) s.Append($"<p class=\"note\">… and {p.Value.GetArrayLength() - 100} more in summary.json.</p>");
            }
            else Walk(s, p.Value, here);
        }
    }

    private static string Cell(string column, JsonElement v) =>
        column.EndsWith("Gwei", StringComparison.Ordinal) && v.TryGetInt64(out long g) ? ContagionTree.Eth(g)
        : v.ValueKind == JsonValueKind.String ? v.GetString()! : v.ToString();

    private static double[] Cumulative(IReadOnlyList<ContagionEvent> events, string kind, int ticks)
    {
        var perTick = new double[Math.Max(ticks, 1)];
        foreach (var e in events)
            if (e.Kind == kind && e.Tick >= 0 && e.Tick < perTick.Length) perTick[e.Tick] += e.AmountGwei / GweiPerEth;
        for (int i = 1; i < perTick.Length; i++) perTick[i] += perTick[i - 1];
        return perTick;
    }

    private static double[] Eth(long[] gwei) => gwei.Select(v => v / GweiPerEth).ToArray();
    private static string E(string s) => WebUtility.HtmlEncode(s);
    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    private static string? Number(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.ToString() : null;
    private static string? Gwei(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.TryGetInt64(out long g) ? ContagionTree.Eth(g) : null;
    internal static double Dec(JsonElement v) =>
        v.ValueKind == JsonValueKind.Number ? v.GetDouble()
        : v.ValueKind == JsonValueKind.String && double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : double.NaN;
    internal static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";
}

/// <summary>The page frame shared by the run and Monte Carlo reports: inline CSS, nothing fetched.</summary>
internal static class Page
{
    public static void Open(StringBuilder s, string title)
    {
        s.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        s.Append($"<title>{WebUtility.HtmlEncode(title)}</title><style>");
        s.Append("body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:820px;color:#222;padding:0 12px}");
        s.Append("h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd}h3{font-size:15px}");
        s.Append(".chart{width:100%;height:auto;display:block}.legend span{margin-right:14px;white-space:nowrap}.legend svg{vertical-align:middle;margin-right:4px}");
        s.Append("table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:2px 8px;text-align:left;font-size:13px}");
        s.Append(".kv th{background:#f6f6f6}.meta span{margin-right:12px}.note{color:#555;font-size:13px}");
        s.Append("ul.tree,ul.tree ul{list-style:none;padding-left:18px;border-left:1px dotted #bbb}ul.tree li{margin:2px 0}.more{color:#777}");
        s.Append("</style></head><body>\n");
    }

    public static void Close(StringBuilder s) =>
        s.Append("\n<p class=\"note\">Written by restaking (report.html: docs/report.md). Amounts in ETH.</p></body></html>\n");
}
