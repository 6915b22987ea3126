// Draws a run's timeline.csv as an SVG picture for the docs (docs/img/quickstart.svg):
//   dotnet run -c Release --project src/Restaking.Cli -- run scenarios/quickstart.json --engine reference --quiet --out runs/qs
//   dotnet run docs/tools/timeline-svg.cs -- runs/qs/timeline.csv docs/img/quickstart.svg "quickstart.json, reference engine"
// A .NET file-based app: no project, no package, not part of the solution or the tests. Top panel: restaked value and
// value lost (ETH); bottom panel: each token's NAV (the nav_*_wad columns). Dashed lines mark ticks whose cascade
// reached depth > 0 (a fault or a penalty falling due set off contagion). Doubles are used for drawing only.
using System.Globalization;
using System.Text;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: timeline-svg TIMELINE.csv OUT.svg [TITLE]");
    return 2;
}

var lines = File.ReadAllLines(args[0]).Where(l => l.Length > 0).ToArray();
var header = lines[0].Split(',');
var rows = lines.Skip(1).Select(l => l.Split(',').Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"{args[0]}: no column '{name}'");
double Eth(long gwei) => gwei / 1e9;
double Wad(long wad) => wad / 1e18;

int tick = Col("tick"), restaked = Col("restaked_value_gwei"), lost = Col("value_lost_gwei"), depth = Col("contagion_depth");
var navColumns = header.Select((h, i) => (h, i)).Where(c => c.h.StartsWith("nav_", StringComparison.Ordinal) && c.h.EndsWith("_wad", StringComparison.Ordinal)).ToList();
string title = args.Length > 2 ? args[2] : Path.GetFileName(args[0]);

const int W = 760, Left = 70, Right = 150, PlotW = W - Left - Right;
const int TopY = 40, TopH = 150, BottomY = 235, BottomH = 110, H = 390;
long firstTick = rows[0][tick], lastTick = rows[^1][tick];
double X(long t) => Left + PlotW * (t - firstTick) / (double)Math.Max(1, lastTick - firstTick);
double maxEth = rows.Max(r => Math.Max(Eth(r[restaked]), Eth(r[lost])));
double ethTop = NiceCeiling(maxEth);
double YTop(double eth) => TopY + TopH * (1 - eth / ethTop);
double YBottom(double nav) => BottomY + BottomH * (1 - nav / 1.0);

var svg = new StringBuilder();
string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
svg.AppendLine($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" font-family=\"sans-serif\" font-size=\"12\">");
svg.AppendLine($"<rect width=\"{W}\" height=\"{H}\" fill=\"white\"/>");
svg.AppendLine($"<text x=\"{Left}\" y=\"22\" font-size=\"14\" font-weight=\"bold\">{Escape(title)}</text>");

// Axes and grid.
foreach (var (y0, h, ticksLabel) in new[] { (TopY, TopH, "ETH"), (BottomY, BottomH, "NAV") })
{
    svg.AppendLine($"<rect x=\"{Left}\" y=\"{y0}\" width=\"{PlotW}\" height=\"{h}\" fill=\"none\" stroke=\"#999\"/>");
    svg.AppendLine($"<text x=\"{Left - 6}\" y=\"{y0 - 8}\" text-anchor=\"end\" fill=\"#555\">{ticksLabel}</text>");
}
for (int i = 0; i <= 4; i++)
{
    double eth = ethTop * i / 4, y = YTop(eth);
    svg.AppendLine($"<line x1=\"{Left}\" x2=\"{Left + PlotW}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"#eee\"/>");
    svg.AppendLine($"<text x=\"{Left - 6}\" y=\"{F(y + 4)}\" text-anchor=\"end\" fill=\"#555\">{eth.ToString("#,0", CultureInfo.InvariantCulture)}</text>");
}
foreach (double nav in new[] { 0, 0.25, 0.5, 0.75, 1.0 })
{
    double y = YBottom(nav);
    svg.AppendLine($"<line x1=\"{Left}\" x2=\"{Left + PlotW}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"#eee\"/>");
    svg.AppendLine($"<text x=\"{Left - 6}\" y=\"{F(y + 4)}\" text-anchor=\"end\" fill=\"#555\">{nav.ToString("0.00", CultureInfo.InvariantCulture)}</text>");
}
long step = Math.Max(1, (lastTick - firstTick) / 6);
for (long t = firstTick; t <= lastTick; t += step)
    svg.AppendLine($"<text x=\"{F(X(t))}\" y=\"{BottomY + BottomH + 16}\" text-anchor=\"middle\" fill=\"#555\">{t}</text>");
svg.AppendLine($"<text x=\"{Left + PlotW / 2}\" y=\"{H - 6}\" text-anchor=\"middle\" fill=\"#555\">tick</text>");

// Ticks where contagion happened.
foreach (var r in rows.Where(r => r[depth] > 0))
{
    double x = X(r[tick]);
    svg.AppendLine($"<line x1=\"{F(x)}\" x2=\"{F(x)}\" y1=\"{TopY}\" y2=\"{BottomY + BottomH}\" stroke=\"#d33\" stroke-dasharray=\"4 3\"/>");
    svg.AppendLine($"<text x=\"{F(x + 3)}\" y=\"{TopY + 12}\" fill=\"#d33\">depth {r[depth]}</text>");
}

string[] palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#17becf"];
int legendY = TopY + 10;
void Series(string name, string color, Func<long[], double> y, bool dashed = false)
{
    var points = new StringBuilder();
    for (int i = 0; i < rows.Length; i++)
    {
        // A step line: a value holds for its whole tick, so draw each change as a vertical jump at the tick it happened in.
        if (i > 0) points.Append($"{F(X(rows[i][tick]))},{F(y(rows[i - 1]))} ");
        points.Append($"{F(X(rows[i][tick]))},{F(y(rows[i]))} ");
    }
    string dash = dashed ? " stroke-dasharray=\"6 3\"" : "";
    svg.AppendLine($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"{dash} points=\"{points.ToString().TrimEnd()}\"/>");
    svg.AppendLine($"<line x1=\"{Left + PlotW + 12}\" x2=\"{Left + PlotW + 30}\" y1=\"{legendY}\" y2=\"{legendY}\" stroke=\"{color}\" stroke-width=\"2\"{dash}/>");
    svg.AppendLine($"<text x=\"{Left + PlotW + 34}\" y=\"{legendY + 4}\">{Escape(name)}</text>");
    legendY += 18;
}
Series("restaked value", palette[0], r => YTop(Eth(r[restaked])));
Series("value lost", palette[1], r => YTop(Eth(r[lost])));
legendY = BottomY + 10;
for (int i = 0; i < navColumns.Count; i++)
{
    var (name, index) = navColumns[i];
    Series($"{name[4..^4]} NAV", palette[(i + 2) % palette.Length], r => YBottom(Math.Min(1.0, Wad(r[index]))), dashed: i % 2 == 1);
}
svg.AppendLine("</svg>");
File.WriteAllText(args[1], svg.ToString());
Console.WriteLine($"{args[1]}: {rows.Length} ticks, {navColumns.Count} tokens");
return 0;

static double NiceCeiling(double v)
{
    // The smallest of 1, 2, 2.5, 5 × a power of ten that is ≥ v (an axis top; a loop, not Math.Log10/Pow).
    if (v <= 0) return 1;
    double magnitude = 1;
    while (magnitude * 10 < v) magnitude *= 10;
    while (magnitude > v) magnitude /= 10;
    foreach (double m in new[] { 1, 2, 2.5, 5, 10 })
        if (m * magnitude >= v) return m * magnitude;
    return 10 * magnitude;
}

static string Escape(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
