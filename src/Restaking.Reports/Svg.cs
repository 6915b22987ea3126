using System.Globalization;
using System.Net;
using System.Text;

namespace Restaking.Reports;

/// <summary>A chart series: name (legend), colour, values (NaN: no point), dashed or not.</summary>
public sealed record Series(string Name, string Colour, IReadOnlyList<double> Values, bool Dashed = false);

/// <summary>
/// Inline SVG charts written as text (no script, no network): line and stacked-area charts over ticks, bars, a
/// histogram with marked values, a scatter. Coordinates are rounded to two decimals in invariant culture, so the
/// same numbers give the same bytes.
/// </summary>
public static class Svg
{
    /// <summary>Okabe–Ito colours (readable for colour-blind readers), without the yellow that vanishes on white.</summary>
    public static readonly string[] Palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999"];

    private const double Width = 760, Height = 280, Left = 78, Right = 16, Top = 16, Bottom = 40;

    public static string N(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public static string Label(double v)
    {
        double a = Math.Abs(v);
        if (a >= 1e9) return (v / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + "G";
        if (a >= 1e6) return (v / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M";
        if (a >= 1e4) return (v / 1e3).ToString("0.##", CultureInfo.InvariantCulture) + "k";
        if (a >= 100) return v.ToString("0", CultureInfo.InvariantCulture);
        return v.ToString("0.###", CultureInfo.InvariantCulture);
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static (double Min, double Max) Range(IEnumerable<double> values, bool fromZero)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        double min = finite.Length == 0 ? 0 : finite.Min(), max = finite.Length == 0 ? 1 : finite.Max();
        if (fromZero) { min = Math.Min(0, min); max = Math.Max(0, max); }
        if (max - min < 1e-12) { max += Math.Abs(max) * 0.05 + 1; min -= fromZero ? 0 : Math.Abs(min) * 0.05; }
        return (min, max);
    }

    private static void Frame(StringBuilder s, string title, string xTitle, string yTitle, double xMin, double xMax, double yMin, double yMax)
    {
        s.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {N(Width)} {N(Height)}\" role=\"img\" aria-label=\"{E(title)}\" class=\"chart\">");
        s.Append($"<title>{E(title)}</title>");
        s.Append($"<rect x=\"{N(Left)}\" y=\"{N(Top)}\" width=\"{N(Width - Left - Right)}\" height=\"{N(Height - Top - Bottom)}\" fill=\"#fff\" stroke=\"#ccc\"/>");
        for (int i = 0; i <= 4; i++)
        {
            double v = yMin + (yMax - yMin) * i / 4, y = Y(v, yMin, yMax);
            s.Append($"<line x1=\"{N(Left)}\" x2=\"{N(Width - Right)}\" y1=\"{N(y)}\" y2=\"{N(y)}\" stroke=\"#eee\"/>");
            s.Append($"<text x=\"{N(Left - 6)}\" y=\"{N(y + 4)}\" text-anchor=\"end\" font-size=\"11\">{E(Label(v))}</text>");
            double xv = xMin + (xMax - xMin) * i / 4;
            if (xMax - xMin >= 8) xv = Math.Round(xv); // ticks and ETH amounts: whole numbers read better
            double x = X(xv, xMin, xMax);
            s.Append($"<text x=\"{N(x)}\" y=\"{N(Height - Bottom + 14)}\" text-anchor=\"middle\" font-size=\"11\">{E(Label(xv))}</text>");
        }
        s.Append($"<text x=\"{N((Left + Width - Right) / 2)}\" y=\"{N(Height - 6)}\" text-anchor=\"middle\" font-size=\"12\">{E(xTitle)}</text>");
        s.Append($"<text x=\"14\" y=\"{N((Top + Height - Bottom) / 2)}\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 14 {N((Top + Height - Bottom) / 2)})\">{E(yTitle)}</text>");
    }

    private static double X(double v, double min, double max) => Left + (v - min) / (max - min) * (Width - Left - Right);
    private static double Y(double v, double min, double max) => Height - Bottom - (v - min) / (max - min) * (Height - Top - Bottom);

    public static string Legend(IEnumerable<(string Name, string Colour, bool Dashed)> items)
    {
        var s = new StringBuilder("<div class=\"legend\">");
        foreach (var (name, colour, dashed) in items)
            s.Append($"<span><svg width=\"22\" height=\"10\"><line x1=\"0\" x2=\"22\" y1=\"5\" y2=\"5\" stroke=\"{colour}\" stroke-width=\"3\"{(dashed ? " stroke-dasharray=\"5 3\"" : "")}/></svg>{E(name)}</span>");
        return s.Append("</div>").ToString();
    }

    /// <summary>Lines over x = 0 … n − 1 (ticks); stacked: each series drawn as an area on top of the previous ones.</summary>
    public static string Lines(string title, string xTitle, string yTitle, IReadOnlyList<Series> series, bool stacked = false, bool fromZero = true)
    {
        int n = series.Count == 0 ? 0 : series.Max(x => x.Values.Count);
        var tops = series.Select(x => x.Values.ToArray()).ToList();
        if (stacked)
            for (int k = 1; k < tops.Count; k++)
                for (int i = 0; i < tops[k].Length; i++) tops[k][i] += i < tops[k - 1].Length ? tops[k - 1][i] : 0;
        var (yMin, yMax) = Range(tops.SelectMany(t => t), fromZero);
        double xMax = Math.Max(1, n - 1);
        var s = new StringBuilder();
        s.Append(Legend(series.Select(x => (x.Name, x.Colour, x.Dashed))));
        Frame(s, title, xTitle, yTitle, 0, xMax, yMin, yMax);
        for (int k = tops.Count - 1; k >= 0 && stacked; k--)
        {
            var top = tops[k];
            var points = new StringBuilder();
            for (int i = 0; i < top.Length; i++) points.Append($"{N(X(i, 0, xMax))},{N(Y(top[i], yMin, yMax))} ");
            for (int i = top.Length - 1; i >= 0; i--)
                points.Append($"{N(X(i, 0, xMax))},{N(Y(k == 0 ? Math.Max(yMin, 0) : tops[k - 1][i], yMin, yMax))} ");
            s.Append($"<polygon points=\"{points.ToString().TrimEnd()}\" fill=\"{series[k].Colour}\" fill-opacity=\"0.75\"><title>{E(series[k].Name)}</title></polygon>");
        }
        if (!stacked)
            for (int k = 0; k < tops.Count; k++)
            {
                var points = new StringBuilder();
                for (int i = 0; i < tops[k].Length; i++)
                    if (double.IsFinite(tops[k][i])) points.Append($"{N(X(i, 0, xMax))},{N(Y(tops[k][i], yMin, yMax))} ");
                s.Append($"<polyline points=\"{points.ToString().TrimEnd()}\" fill=\"none\" stroke=\"{series[k].Colour}\" stroke-width=\"2\"{(series[k].Dashed ? " stroke-dasharray=\"6 4\"" : "")}><title>{E(series[k].Name)}</title></polyline>");
            }
        return s.Append("</svg>").ToString();
    }

    /// <summary>Horizontal bars, one per label (values ≥ 0).</summary>
    public static string Bars(string title, string valueTitle, IReadOnlyList<(string Label, double Value)> bars, string colour, Func<double, string> format)
    {
        double max = bars.Count == 0 ? 1 : Math.Max(1e-12, bars.Max(b => Math.Abs(b.Value)));
        double min = bars.Count == 0 ? 0 : Math.Min(0, bars.Min(b => b.Value));
        const double row = 20, labelWidth = 200, valueWidth = 110;
        double height = 24 + row * bars.Count + 8, plot = Width - labelWidth - valueWidth;
        double zero = labelWidth + (0 - min) / (max - min) * plot;
        var s = new StringBuilder();
        s.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {N(Width)} {N(height)}\" role=\"img\" aria-label=\"{E(title)}\" class=\"chart\"><title>{E(title)}</title>");
        s.Append($"<text x=\"{N(labelWidth)}\" y=\"14\" font-size=\"12\">{E(valueTitle)}</text>");
        for (int i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            double y = 24 + i * row, x1 = labelWidth + (Math.Min(0, value) - min) / (max - min) * plot,
                w = Math.Abs(value) / (max - min) * plot;
            s.Append($"<text x=\"{N(labelWidth - 6)}\" y=\"{N(y + 14)}\" text-anchor=\"end\" font-size=\"11\">{E(label)}</text>");
            s.Append($"<rect x=\"{N(x1)}\" y=\"{N(y + 3)}\" width=\"{N(Math.Max(w, 0.5))}\" height=\"{N(row - 6)}\" fill=\"{colour}\"><title>{E(label)}: {E(format(value))}</title></rect>");
            s.Append($"<text x=\"{N(labelWidth + plot + 6)}\" y=\"{N(y + 14)}\" font-size=\"11\">{E(format(value))}</text>");
        }
        s.Append($"<line x1=\"{N(zero)}\" x2=\"{N(zero)}\" y1=\"22\" y2=\"{N(height - 4)}\" stroke=\"#666\"/>");
        return s.Append("</svg>").ToString();
    }

    /// <summary>A histogram of <paramref name="values"/> with vertical markers (name, value, colour).</summary>
    public static string Histogram(string title, string xTitle, IReadOnlyList<double> values, IReadOnlyList<(string Name, double Value, string Colour)> markers, int bins = 30)
    {
        var (min, max) = Range(values.Concat(markers.Select(m => m.Value)), fromZero: false);
        var counts = new int[bins];
        foreach (var v in values)
        {
            int b = (int)Math.Floor((v - min) / (max - min) * bins);
            counts[Math.Clamp(b, 0, bins - 1)]++;
        }
        double yMax = Math.Max(1, counts.Max());
        var s = new StringBuilder();
        s.Append(Legend(markers.Select(m => ($"{m.Name} = {Label(m.Value)}", m.Colour, true)).Prepend(("trials", Palette[5], false))));
        Frame(s, title, xTitle, "trials", min, max, 0, yMax);
        for (int b = 0; b < bins; b++)
        {
            double x0 = X(min + (max - min) * b / bins, min, max), x1 = X(min + (max - min) * (b + 1) / bins, min, max), y = Y(counts[b], 0, yMax);
            s.Append($"<rect x=\"{N(x0)}\" y=\"{N(y)}\" width=\"{N(Math.Max(0.5, x1 - x0 - 1))}\" height=\"{N(Height - Bottom - y)}\" fill=\"{Palette[5]}\"><title>{counts[b]} trials</title></rect>");
        }
        foreach (var (name, value, colour) in markers)
        {
            double x = X(value, min, max);
            s.Append($"<line x1=\"{N(x)}\" x2=\"{N(x)}\" y1=\"{N(Top)}\" y2=\"{N(Height - Bottom)}\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"><title>{E(name)}</title></line>");
        }
        return s.Append("</svg>").ToString();
    }

    public static string Scatter(string title, string xTitle, string yTitle, IReadOnlyList<(double X, double Y)> points, string colour)
    {
        var (xMin, xMax) = Range(points.Select(p => p.X), fromZero: false);
        var (yMin, yMax) = Range(points.Select(p => p.Y), fromZero: true);
        var s = new StringBuilder();
        Frame(s, title, xTitle, yTitle, xMin, xMax, yMin, yMax);
        foreach (var (x, y) in points)
            s.Append($"<circle cx=\"{N(X(x, xMin, xMax))}\" cy=\"{N(Y(y, yMin, yMax))}\" r=\"3\" fill=\"{colour}\" fill-opacity=\"0.6\"/>");
        return s.Append("</svg>").ToString();
    }
}
