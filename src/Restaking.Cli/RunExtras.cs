using System.Diagnostics;
using System.Globalization;
using Restaking.Reports;
using Spectre.Console;

namespace Restaking.Cli;

/// <summary>What a run writes beside its outputs: scenario.json (the scenario file's exact text, for restaking view)
/// and report.html (docs/report.md).</summary>
internal static class RunExtras
{
    private static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static Task? warming;

    /// <summary>
    /// Compiles the report code on another thread while the run goes on: the CLI runs without tiered compilation, so
    /// the first report pays for optimised JIT of all of it (~0.5 s of a mainnet-2025 report's ~0.65 s, measured;
    /// docs/contagion-view.md, "Cost"). A tiny made-up run is enough to reach every chart and table.
    /// </summary>
    public static void Warm() => warming ??= Task.Run(() =>
    {
        const string timeline = "tick,restaked_value_gwei,slashed_gwei,slashed_attack_gwei,operators_slashed,services_compromised,nav_t_wad,price_t_wad\n"
            + "0,2000000000,0,0,0,0,1000000000000000000,1000000000000000000\n1,1000000000,1000000000,1000000000,1,1,900000000000000000,800000000000000000\n";
        const string summary = "{\"scenario\":\"warm\",\"seed\":1,\"initialRestakedGwei\":2000000000,\"slashedGwei\":{\"total\":1000000000},"
            + "\"servicesCompromised\":[\"s\"],\"tokens\":[{\"id\":\"t\",\"supplyGwei\":1}],\"rewards\":{\"stakers\":{\"runReturn\":{\"mean\":\"-0.1\",\"p5\":\"-0.5\"},"
            + "\"lostMoney\":{\"stakers\":\"0.5\"},\"worseThanNotRestaking\":{\"stakers\":\"0.5\"}}}}";
        string[] events =
        [
            "{\"tick\":1,\"round\":1,\"kind\":\"slash\",\"source\":\"s\",\"target\":\"o\",\"amount_gwei\":1,\"reason\":\"attack\",\"cause\":\"f\",\"depth\":1}",
            "{\"tick\":1,\"round\":2,\"kind\":\"compromise\",\"source\":\"adversary\",\"target\":\"s\",\"amount_gwei\":1,\"cause\":\"f\",\"depth\":2}",
            "{\"tick\":1,\"round\":3,\"kind\":\"liquidation\",\"source\":\"s\",\"target\":\"m\",\"amount_gwei\":1,\"cause\":\"f\",\"depth\":3}",
        ];
        RunReport.Html(timeline, summary, events);
    });

    public static void Write(string directory, string scenarioText, string timeline, string summary, IReadOnlyList<string> events)
    {
        File.WriteAllText(Path.Combine(directory, Silo.FolderRunCatalog.ScenarioFile), scenarioText, Utf8);
        var clock = Stopwatch.StartNew();
        try { warming?.Wait(); }
        catch (AggregateException) { } // warming is an optimisation only: the real report below reports its own errors
        ReportFolder.Write(directory, RunReport.Html(timeline, summary, events));
        // RESTAKING_REPORT_TIMING=1: how long report.html took (docs/contagion-view.md, "Cost").
        if (Environment.GetEnvironmentVariable("RESTAKING_REPORT_TIMING") == "1")
            Console.Error.WriteLine($"report.html: {clock.Elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms");
    }
}

/// <summary>--pace for the reference engine: the engine reports each tick synchronously, so waiting here slows the
/// run tick by tick (nothing it computes depends on time).</summary>
internal sealed class Pace(int milliseconds, Action<int>? inner) : IProgress<int>
{
    public void Report(int value)
    {
        inner?.Invoke(value);
        if (milliseconds > 0) Thread.Sleep(milliseconds);
    }

    /// <summary>"250ms", "1s", "1.5s" or a plain number of milliseconds; 0 … 60 000 ms.</summary>
    public static bool TryParse(string text, out int milliseconds)
    {
        milliseconds = 0;
        text = text.Trim();
        decimal factor = 1;
        if (text.EndsWith("ms", StringComparison.OrdinalIgnoreCase)) text = text[..^2];
        else if (text.EndsWith('s') || text.EndsWith('S')) { text = text[..^1]; factor = 1000; }
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal value)) return false;
        value *= factor;
        if (value is < 0 or > 60_000) return false;
        milliseconds = (int)value;
        return true;
    }
}

/// <summary>The contagion tree at the end of restaking run (Spectre.Console Tree): each fault, then hop after hop with
/// amounts in ETH, the largest branches only (the rule that links the hops: <see cref="ContagionTree"/>).</summary>
internal static class ContagionTreeView
{
    public const int Roots = 5, Children = 4, Depth = 6;

    public static void Print(IReadOnlyList<string> events)
    {
        var roots = ContagionTree.Build(events);
        if (roots.Count == 0) return;
        var tree = new Tree(new Markup("[bold]contagion[/] (largest branches, amounts in ETH)"));
        var (shown, more, moreGwei) = ContagionTree.Largest(roots, Roots);
        foreach (var r in shown) Add(tree.AddNode(Markup.Escape(ContagionTree.Label(r))), r, 1);
        if (more > 0) tree.AddNode(Markup.Escape($"… and {more} more faults ({ContagionTree.Eth(moreGwei)})"));
        AnsiConsole.Write(tree);
    }

    private static void Add(TreeNode parent, ContagionNode node, int depth)
    {
        if (node.Children.Count == 0) return;
        if (depth >= Depth)
        {
            parent.AddNode(Markup.Escape($"… {node.Events - 1} more events below"));
            return;
        }
        var (shown, more, moreGwei) = ContagionTree.Largest(node.Children, Children);
        foreach (var c in shown) Add(parent.AddNode(Markup.Escape(ContagionTree.Label(c))), c, depth + 1);
        if (more > 0) parent.AddNode(Markup.Escape($"… and {more} more ({ContagionTree.Eth(moreGwei)})"));
    }
}
