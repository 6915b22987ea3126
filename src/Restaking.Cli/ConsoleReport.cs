using System.Globalization;
using System.Text.Json;
using Restaking.Domain.Units;
using Spectre.Console;

namespace Restaking.Cli;

/// <summary>The table printed at the end of a run: the headline numbers of summary.json, in ETH.</summary>
public static class ConsoleReport
{
    public static void Print(string summaryJson, string directory, TimeSpan wall)
    {
        using var doc = JsonDocument.Parse(summaryJson);
        var s = doc.RootElement;
        var table = new Table().Title($"[bold]{Markup.Escape(s.GetProperty("scenario").GetString()!)}[/] (seed {s.GetProperty("seed").GetUInt64()})")
            .AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("restaked at start", Eth(s.GetProperty("initialRestakedGwei").GetInt64()));
        table.AddRow("restaked at end", Eth(s.GetProperty("finalRestakedGwei").GetInt64()));
        foreach (var reason in s.GetProperty("slashedGwei").EnumerateObject())
            if (reason.Value.GetInt64() > 0 || reason.Name == "total")
                table.AddRow($"slashed: {reason.Name.Replace('_', ' ')}", Eth(reason.Value.GetInt64()));
        if (s.TryGetProperty("slashedFromGwei", out var from))
            table.AddRow("slashed: from queued withdrawals", Eth(from.GetProperty("queued").GetInt64()));
        table.AddRow("value lost by services and tokens", Eth(s.GetProperty("valueLostGwei").GetInt64()));
        table.AddRow("operators slashed", s.GetProperty("operatorsSlashed").GetInt32().ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("services compromised", s.GetProperty("servicesCompromised").GetArrayLength().ToString(CultureInfo.InvariantCulture));
        table.AddRow("attacks", s.GetProperty("attacks").GetInt32().ToString(CultureInfo.InvariantCulture));
        table.AddRow("max contagion depth (hops)", s.GetProperty("maxContagionDepth").GetInt32().ToString(CultureInfo.InvariantCulture));
        table.AddRow("max cascade rounds in a tick", s.GetProperty("maxCascadeRounds").GetInt32().ToString(CultureInfo.InvariantCulture));
        var dr24 = s.GetProperty("dr24");
        table.AddRow("DR24 ψ (shock) / R (total loss)", $"{dr24.GetProperty("psi").GetString()} / {dr24.GetProperty("totalLoss").GetString()}");
        foreach (var token in s.GetProperty("tokens").EnumerateArray())
            table.AddRow($"{token.GetProperty("id").GetString()} NAV min / final", $"{token.GetProperty("minNav").GetString()} / {token.GetProperty("finalNav").GetString()}");
        var stakers = s.GetProperty("stakers");
        table.AddRow("stakers with a loss", $"{stakers.GetProperty("withLoss").GetInt32().ToString("N0", CultureInfo.InvariantCulture)} of {stakers.GetProperty("count").GetInt32().ToString("N0", CultureInfo.InvariantCulture)}");
        table.AddRow("wall time", $"{wall.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"outputs: [link]{Markup.Escape(Path.GetFullPath(directory))}[/]");
    }

    private static string Eth(long gwei) => Gwei.ToEthString(gwei) + " ETH";
}
