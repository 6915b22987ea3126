using System.Globalization;
using System.Text.Json;
using Restaking.Domain.Units;
using Spectre.Console;

namespace Restaking.Cli;

/// <summary>The table printed at the end of a Monte Carlo run: the headline numbers of montecarlo-summary.json, in ETH.</summary>
public static class MonteCarloConsoleReport
{
    /// <summary>Services shown by name; the summary file has them all.</summary>
    private const int ServicesShown = 5;

    public static void Print(string summaryJson, string directory, TimeSpan wall)
    {
        using var doc = JsonDocument.Parse(summaryJson);
        var s = doc.RootElement;
        int trials = s.GetProperty("trials").GetInt32();
        var table = new Table()
            .Title($"[bold]{Markup.Escape(s.GetProperty("scenario").GetString()!)}[/]: {trials:N0} trials, seeds {s.GetProperty("firstSeed").GetUInt64()} … {s.GetProperty("lastSeed").GetUInt64()}")
            .AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        var loss = s.GetProperty("lossGwei");
        foreach (var (name, label) in new[] { ("mean", "mean"), ("p50", "p50"), ("p95", "p95"), ("p99", "p99"), ("es95", "expected shortfall 95 %"), ("es99", "expected shortfall 99 %") })
            table.AddRow($"loss: {label}", Eth(loss.GetProperty(name).GetInt64()));
        foreach (var exceeds in s.GetProperty("lossExceeds").EnumerateArray())
        {
            decimal share = decimal.Parse(exceeds.GetProperty("shareOfInitialRestaked").GetString()!, CultureInfo.InvariantCulture) * 100;
            table.AddRow($"P(loss > {share.ToString("0.#", CultureInfo.InvariantCulture)} % of restaked)", Probability(exceeds));
        }
        table.AddRow("P(an attack)", Probability(s.GetProperty("attacks")));
        var hit = s.GetProperty("services").EnumerateArray().Where(x => x.GetProperty("trials").GetInt32() > 0)
            .OrderByDescending(x => x.GetProperty("trials").GetInt32()).ToList();
        if (hit.Count == 0) table.AddRow("services compromised", "none, in every trial");
        foreach (var service in hit.Take(ServicesShown))
            table.AddRow($"P({Markup.Escape(service.GetProperty("id").GetString()!)} compromised)", Probability(service));
        if (hit.Count > ServicesShown) table.AddRow($"… {hit.Count - ServicesShown} more services compromised in some trial", "see the summary");
        table.AddRow("wall time", string.Create(CultureInfo.InvariantCulture, $"{wall.TotalSeconds:0.0} s ({trials / wall.TotalSeconds:0.00} trials/s)"));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"outputs: [link]{Markup.Escape(Path.GetFullPath(directory))}[/]");
    }

    private static string Eth(long gwei) => Gwei.ToEthString(gwei) + " ETH";

    private static string Probability(JsonElement counted) =>
        $"{counted.GetProperty("probability").GetString()} ({counted.GetProperty("trials").GetInt32().ToString("N0", CultureInfo.InvariantCulture)})";
}
