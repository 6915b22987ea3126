using System.Globalization;
using System.Text.Json;

namespace Restaking.Cli.Tests;

/// <summary>
/// Plug-in service kinds as a user meets them: the two sample plug-ins (plugins/) loaded by their scenarios' <c>"plugins"</c>
/// list or by <c>--plugin</c>, the same outputs on both engines, and every mistake — a missing or broken plug-in file, bad
/// <c>params</c>, a bad plug-in fault — refused with one line and exit 2.
/// </summary>
public sealed class PluginCliTests : IDisposable
{
    private readonly string temp = Path.Combine(Path.GetTempPath(), "restaking-plugin-tests-" + Guid.NewGuid().ToString("N"));

    public PluginCliTests() => Directory.CreateDirectory(temp);

    public void Dispose()
    {
        if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
    }

    private static string Scenario(string name) => Path.Combine(Cli.RepoRoot, "scenarios", "plugins", name + ".json");

    private static string Plugin(string project) => Path.Combine(Cli.RepoRoot, "plugins", project, "bin", project + ".dll");

    /// <summary>Runs the scenario on both engines; returns the reference run's folder after checking the files are identical.</summary>
    private string RunOnBothEngines(string scenario, params string[] extra)
    {
        string reference = Path.Combine(temp, "reference"), orleans = Path.Combine(temp, "orleans");
        var r = Cli.Run(["run", scenario, "--engine", "reference", "--quiet", "--out", reference, .. extra]);
        Assert.True(r.ExitCode == 0, r.Err);
        var o = Cli.Run(["run", scenario, "--engine", "orleans", "--no-dashboard", "--quiet", "--out", orleans, .. extra]);
        Assert.True(o.ExitCode == 0, o.Err);
        foreach (var file in new[] { "timeline.csv", "summary.json", "events.jsonl" })
            Assert.True(File.ReadAllBytes(Path.Combine(reference, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(orleans, file))),
                $"{file} differs between the engines");
        return reference;
    }

    private static List<JsonElement> Events(string folder) =>
        File.ReadLines(Path.Combine(folder, "events.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    private static string Text(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    [Fact]
    public void The_shared_sequencer_censors_then_its_corruption_halts_the_rollup_token_on_both_engines()
    {
        var folder = RunOnBothEngines(Scenario("shared-sequencer"));
        var events = Events(folder);

        // Its own fault type: the two censors are liveness-slashed by the sequencer's 1 %, the third operator is not.
        var censored = events.Where(e => Text(e, "cause") == "censors" && Text(e, "kind") == "slash").ToList();
        Assert.Equal(["op-a", "op-b"], censored.Select(e => Text(e, "target")).Order(StringComparer.Ordinal));
        Assert.All(censored, e => Assert.Equal("outage", Text(e, "reason")));
        Assert.All(censored, e => Assert.StartsWith("wads=10000000000000000;", Text(e, "detail"), StringComparison.Ordinal));
        // Corrupted, it halts the redemptions of the token it sequences; holders leaving then sell into the pool.
        var compromise = Assert.Single(events, e => Text(e, "kind") == "compromise");
        var halt = Assert.Single(events, e => Text(e, "kind") == "redemptionshalted");
        Assert.Equal(("rollup-sequencer", "rollup-eth", "halted"), (Text(halt, "source"), Text(halt, "target"), Text(halt, "detail")));
        Assert.True(halt.GetProperty("tick").GetInt32() == compromise.GetProperty("tick").GetInt32());
        int haltTick = halt.GetProperty("tick").GetInt32();
        // Before the halt, holders queued for redemption (sales say queued=…); after it nobody queues and the price falls.
        Assert.All(events.Where(e => Text(e, "kind") == "marketsale" && e.GetProperty("tick").GetInt32() > haltTick),
            e => Assert.EndsWith(";queued=0", Text(e, "detail"), StringComparison.Ordinal));
        var prices = File.ReadLines(Path.Combine(folder, "timeline.csv")).Skip(1)
            .Select(l => long.Parse(l.Split(',')[^1], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(1_000_000_000_000_000_000, prices[haltTick]);
        Assert.True(prices[^1] < 500_000_000_000_000_000, $"rollup-eth ends at {prices[^1]}");
    }

    [Fact]
    public void A_corrupted_price_oracle_reports_a_false_price_that_liquidates_the_lending_market_reading_it()
    {
        var folder = RunOnBothEngines(Scenario("price-oracle"));
        var events = Events(folder);

        var report = Assert.Single(events, e => Text(e, "kind") == "oraclereport");
        Assert.Equal(("lst-x-feed", "lst-x-loops"), (Text(report, "source"), Text(report, "target")));
        long reported = report.GetProperty("amount_gwei").GetInt64();
        // Half the last honest price (after the 2 % shock): a report the token's own market never came near.
        Assert.InRange(reported, 480_000_000_000_000_000, 500_000_000_000_000_000);
        var liquidation = Assert.Single(events, e => Text(e, "kind") == "liquidation");
        Assert.EndsWith($";oracle_price={reported}", Text(liquidation, "detail"), StringComparison.Ordinal);
        Assert.Contains(events, e => Text(e, "kind") == "baddebt" && e.GetProperty("amount_gwei").GetInt64() > 0);
        // Without the report nothing is liquidated: the same world with an honest oracle (no attack possible) has no liquidation.
        string honest = Path.Combine(temp, "honest.json");
        File.WriteAllText(honest, File.ReadAllText(Scenario("price-oracle"))
            .Replace("\"op-c-stakers-leave\", \"tick\": 5", "\"op-c-stakers-leave\", \"tick\": 15", StringComparison.Ordinal)
            .Replace("../../plugins/", Path.Combine(Cli.RepoRoot, "plugins") + "/", StringComparison.Ordinal));
        var r = Cli.Run("run", honest, "--engine", "reference", "--quiet", "--ticks", "15", "--out", Path.Combine(temp, "honest"));
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.DoesNotContain(Events(Path.Combine(temp, "honest")), e => Text(e, "kind") == "liquidation");
    }

    [Fact]
    public void The_plugin_option_loads_kinds_for_a_scenario_that_does_not_list_them()
    {
        string file = Path.Combine(temp, "no-list.json");
        File.WriteAllText(file, File.ReadAllText(Scenario("shared-sequencer")).Replace(
            "\"plugins\": [\"../../plugins/Restaking.Plugins.Sequencer/bin/Restaking.Plugins.Sequencer.dll\"],", "", StringComparison.Ordinal));

        var without = Cli.Run("validate", file);
        Assert.Equal(2, without.ExitCode);
        Assert.Contains($"{file}: $.services[0].kind: unknown service kind 'shared-sequencer'; known kinds: bridge, da-layer, oracle [unknown-kind]", without.Err);

        var with = Cli.Run("validate", file, "--plugin", Plugin("Restaking.Plugins.Sequencer"));
        Assert.True(with.ExitCode == 0, with.Err);
    }

    [Fact]
    public void A_missing_or_broken_plugin_file_exits_2_with_one_line()
    {
        string missing = Path.Combine(temp, "nowhere.dll");
        var r = Cli.Run("validate", Cli.Quickstart, "--plugin", missing);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"plugin '{missing}': file not found", r.Err.TrimEnd());
        Cli.AssertNoStackTrace(r);

        string broken = Path.Combine(temp, "broken.dll");
        File.WriteAllText(broken, "not an assembly");
        var b = Cli.Run("run", Cli.Quickstart, "--engine", "reference", "--quiet", "--out", Path.Combine(temp, "x"), "--plugin", broken);
        Assert.Equal(2, b.ExitCode);
        Assert.Equal($"plugin '{broken}': not a .NET assembly", b.Err.TrimEnd());
        Assert.False(Directory.Exists(Path.Combine(temp, "x")));

        // Listed by a scenario: the line names the file and the list entry.
        string file = Path.Combine(temp, "listed.json");
        File.WriteAllText(file, File.ReadAllText(Scenario("shared-sequencer")).Replace("../../plugins/Restaking.Plugins.Sequencer/bin/", "gone/", StringComparison.Ordinal));
        var l = Cli.Run("validate", file);
        Assert.Equal(2, l.ExitCode);
        Assert.Equal($"{file}: $.plugins[0]: plugin '{Path.Combine(temp, "gone", "Restaking.Plugins.Sequencer.dll")}': file not found [plugin]", l.Err.TrimEnd());
    }

    [Fact]
    public void Bad_params_and_bad_plugin_faults_are_reported_one_line_each_at_their_json_path()
    {
        string file = Path.Combine(temp, "bad-params.json");
        File.WriteAllText(file, File.ReadAllText(Scenario("price-oracle"))
            .Replace("\"params\": { \"token\": \"lst-x\", \"reportFraction\": 0.5 }", "\"params\": { \"token\": \"lst-y\", \"reportFraction\": 1, \"quorum\": 3 }", StringComparison.Ordinal)
            .Replace("../../plugins/", Path.Combine(Cli.RepoRoot, "plugins") + "/", StringComparison.Ordinal));
        var r = Cli.Run("validate", file);
        Assert.Equal(2, r.ExitCode);
        Cli.AssertNoStackTrace(r);
        var lines = r.Err.TrimEnd().Split('\n');
        Assert.Contains($"{file}: $.services[0].params.quorum: unknown property 'quorum' [unknown-property]", lines);
        Assert.Contains($"{file}: $.services[0].params.token: 'lst-y' is not a listed token [unknown-reference]", lines);
        Assert.Contains($"{file}: $.services[0].params.reportFraction: must be below 1 (a corrupted oracle reports a lower price) [range]", lines);

        string faults = Path.Combine(temp, "bad-fault.json");
        File.WriteAllText(faults, File.ReadAllText(Scenario("shared-sequencer"))
            .Replace("\"service\": \"rollup-sequencer\", \"operators\": [\"op-a\", \"op-b\"]", "\"service\": \"da-1\", \"operators\": [\"op-z\"], \"fraction\": 0.1", StringComparison.Ordinal)
            .Replace("../../plugins/", Path.Combine(Cli.RepoRoot, "plugins") + "/", StringComparison.Ordinal));
        var f = Cli.Run("validate", faults);
        Assert.Equal(2, f.ExitCode);
        var fl = f.Err.TrimEnd().Split('\n');
        Assert.Contains($"{faults}: $.faults[1].service: 'da-1' is a service of kind \"da-layer\"; a censorship fault needs a \"shared-sequencer\" [service-kind]", fl);
        Assert.Contains($"{faults}: $.faults[1].operators[0]: 'op-z' is not a listed or generated operator [unknown-reference]", fl);
        Assert.Contains(fl, l => l.StartsWith($"{faults}: $.faults[1].fraction: unknown property 'fraction'", StringComparison.Ordinal));
    }
}
