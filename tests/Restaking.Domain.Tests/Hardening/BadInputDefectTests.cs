using System.Diagnostics;
using Restaking.Domain.Scenarios;

namespace Restaking.Domain.Tests.Hardening;

/// <summary>
/// The defect classes a 1,695-file corpus found (issue 15), each as the mechanism it was fixed in: numbers judged on their text,
/// "$schema" held to the rules, encodings, what a message echoes, file types and sizes, and the world's limits.
/// </summary>
public class BadInputDefectTests
{
    private static readonly HashSet<string> Kinds = ["bridge", "oracle", "da-layer"];
    private static string Quickstart => ShippedScenario.Text("quickstart.json");

    private static ScenarioLoadResult Load(string text) => ScenarioLoader.LoadFromText("q.json", text, Kinds);

    private static ScenarioError Single(ScenarioLoadResult load)
    {
        Assert.False(load.IsValid);
        return Assert.Single(load.Errors);
    }

    private static string Edit(string from, string to) => ShippedScenario.Replace(Quickstart, from, to);

    [Theory]
    [InlineData("\"seed\": 42", "\"seed\": 42.00000000000000000000000000001", "$.seed", ScenarioRule.Type)]
    [InlineData("\"amountEth\": 6400", "\"amountEth\": 6400.00000000000000000000000000001", "$.stakers[0].amountEth", ScenarioRule.Decimals)]
    [InlineData("\"magnitude\": 0.5 }, { \"service\": \"oracle-1\", \"magnitude\": 0.3 } ] },\n    { \"id\": \"op-b\"",
        "\"magnitude\": 0.50000000000000000000000000001 }, { \"service\": \"oracle-1\", \"magnitude\": 0.3 } ] },\n    { \"id\": \"op-b\"",
        "$.operators[0].allocations[0].magnitude", ScenarioRule.Decimals)]
    [InlineData("\"count\": 3000", "\"count\": 3000.0000000000000000000000000000001", "$.baseChain.validatorGroups[0].count", ScenarioRule.Type)]
    [InlineData("\"effectiveBalanceEth\": 32", "\"effectiveBalanceEth\": 32.000000000000000000000000000001", "$.baseChain.validatorGroups[0].effectiveBalanceEth", ScenarioRule.Decimals)]
    [InlineData("\"serviceApr\": 0.01", "\"serviceApr\": 1e-40", "$.rewards.serviceApr", ScenarioRule.Decimals)]
    public void Decimals_past_what_decimal_holds_are_rejected_not_rounded(string from, string to, string path, string rule)
    {
        var error = Single(Load(Edit(from, to)));
        Assert.Equal((path, rule), (error.Path, error.Rule));
    }

    [Theory]
    [InlineData("3000.0")]
    [InlineData("3e3")]
    [InlineData("30000e-1")]
    public void An_integer_written_as_a_decimal_or_with_an_exponent_is_that_integer(string count)
    {
        var load = Load(Edit("\"count\": 3000", $"\"count\": {count}"));
        Assert.True(load.IsValid, string.Join("\n", load.Errors));
        Assert.Equal(3000, load.Scenario!.BaseChain!.ValidatorGroups[0].Count);
    }

    [Fact]
    public void A_generator_count_written_N_point_0_is_read_alike_by_every_check()
    {
        var text = ShippedScenario.Replace(ShippedScenario.Text("stress-1m.json"), "\"count\": 498,", "\"count\": 498.0,");
        var load = ScenarioLoader.LoadFromText("s.json", text, Kinds);
        Assert.True(load.IsValid, string.Join("\n", load.Errors));
        Assert.Equal(498, load.Scenario!.Generate!.Services!.Count);
    }

    [Theory]
    [InlineData("\"$schema\": \"./scenario.schema.json\",\n  \"$schema\": \"./scenario.schema.json\",", ScenarioRule.DuplicateProperty)]
    [InlineData("\"$schema\": 5,", ScenarioRule.Type)]
    [InlineData("\"$schema\": null,", ScenarioRule.Type)]
    public void Schema_is_a_string_given_once(string schema, string rule)
    {
        var error = Single(Load(Edit("\"$schema\": \"./scenario.schema.json\",", schema)));
        Assert.Equal(("$['$schema']", rule), (error.Path, error.Rule));
    }

    [Fact]
    public void A_lone_surrogate_escape_is_one_encoding_error_at_its_path()
    {
        var error = Single(Load(Edit("\"name\": \"quickstart\"", "\"name\": \"quick\\ud800start\"")));
        Assert.Equal(("$.name", ScenarioRule.Encoding), (error.Path, error.Rule));
        var inName = Single(Load(Edit("\"seed\": 42", "\"se\\udc00ed\": 42")));
        Assert.Equal(("$", ScenarioRule.Encoding), (inName.Path, inName.Rule));
    }

    [Fact]
    public void An_id_with_a_newline_and_control_characters_stays_on_one_line_escaped()
    {
        var load = Load(Edit("\"operator\": \"op-a\", \"service\": \"oracle-1\"", "\"operator\": \"op\\n-a\\u0007\", \"service\": \"oracle-1\""));
        var line = Single(load).ToString();
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\a', line);
        Assert.Contains("op\\u000a-a\\u0007", line);
    }

    [Fact]
    public void A_huge_unknown_property_name_is_cut_in_the_line_and_not_searched_for_a_suggestion()
    {
        var name = new string('q', 5_000_000);
        var clock = Stopwatch.StartNew();
        var error = Single(Load(Edit("\"seed\": 42", $"\"{name}\": 42, \"seed\": 42")));
        clock.Stop();
        Assert.Equal(ScenarioRule.UnknownProperty, error.Rule);
        Assert.True(error.ToString().Length < 2 * ScenarioError.MaxShownChars + 200, $"{error.ToString().Length} characters");
        Assert.DoesNotContain("did you mean", error.Message);
    }

    [Fact]
    public void A_huge_string_is_echoed_capped()
    {
        var value = new string('x', 1_000_000);
        var error = Single(Load(Edit("\"securityModel\": \"pooled\"", $"\"securityModel\": \"{value}\"")));
        Assert.Equal(ScenarioRule.Enum, error.Rule);
        Assert.Contains("(1000000 characters)", error.Message);
        Assert.True(error.Message.Length < 400);
    }

    [Fact]
    public void Non_regular_files_and_oversized_files_are_refused_before_reading()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "device files and FIFOs are Unix's");
        var zero = Single(ScenarioLoader.Load("/dev/zero", Kinds));
        Assert.Equal(ScenarioRule.NotAFile, zero.Rule);
        var big = Path.GetTempFileName();
        try
        {
            File.WriteAllText(big, Quickstart);
            var error = Single(ScenarioLoader.Load(big, Kinds, maxFileBytes: 1000));
            Assert.Equal(ScenarioRule.FileTooLarge, error.Rule);
            Assert.True(ScenarioLoader.Load(big, Kinds).IsValid);
            File.WriteAllBytes(big, [.. System.Text.Encoding.UTF8.GetBytes("{\"name\": \""), 0xC3, 0x28, .. "\"}"u8.ToArray()]);
            Assert.Equal(ScenarioRule.Encoding, Single(ScenarioLoader.Load(big, Kinds)).Rule);
        }
        finally { File.Delete(big); }
        Assert.Equal(ScenarioRule.NotAFile, Single(ScenarioLoader.Load(Path.GetTempPath(), Kinds)).Rule);
    }

    private static string Stakers(int count, long eth) =>
        "\"stakers\": [" + string.Join(", ", Enumerable.Range(0, count).Select(i => $"{{ \"id\": \"s-{i}\", \"operator\": \"op-a\", \"asset\": \"eth\", \"amountEth\": {eth} }}")) + "],\n  \"faults\"";

    private static string WithStakers(int count, long eth)
    {
        var text = Quickstart;
        int start = text.IndexOf("\"stakers\": [", StringComparison.Ordinal), end = text.IndexOf("\"faults\"", StringComparison.Ordinal);
        return text[..start] + Stakers(count, eth) + text[(end + "\"faults\"".Length)..];
    }

    [Theory]
    [InlineData(5, 1_000_000_000)]
    [InlineData(10, 1_000_000_000)]
    public void A_world_over_its_stake_limit_is_refused_before_the_run(int count, long eth)
    {
        var scenario = ShippedScenario.LoadText("q.json", WithStakers(count, eth));
        var error = Assert.Single(WorldLimits.Check(scenario, "q.json"));
        Assert.Equal(("$.stakers", ScenarioRule.WorldLimit), (error.Path, error.Rule));
    }

    [Fact]
    public void A_world_at_its_stake_limit_on_one_operator_runs()
    {
        // 5 × 199,999,000 ETH + ezETH's 5,000 = 999,995,000 ETH, under 1e9, all on op-a (and op-b, op-c for ezETH).
        var scenario = ShippedScenario.LoadText("q.json", WithStakers(5, 199_999_000));
        Assert.Empty(WorldLimits.Check(scenario, "q.json"));
        var summary = ShippedScenario.Summary(ShippedScenario.Run(scenario));
        Assert.True(summary.GetProperty("rewards").GetProperty("grossGwei").GetProperty("base").GetInt64() > 0);
    }

    [Theory]
    [InlineData("{ \"count\": 1000000, \"seconds\": 2147483647 }")]
    [InlineData("{ \"count\": 1000000, \"seconds\": 86400 }")]
    public void A_run_whose_rewards_could_overflow_is_refused_at_ticks(string ticks)
    {
        var scenario = ShippedScenario.LoadText("q.json", Edit("{ \"count\": 30, \"seconds\": 86400 }", ticks));
        var error = Assert.Single(WorldLimits.Check(scenario, "q.json"));
        Assert.Equal(("$.ticks", ScenarioRule.WorldLimit), (error.Path, error.Rule));
    }

    [Fact]
    public void Absurd_generator_counts_are_refused_before_expansion_unless_allowed()
    {
        var text = ShippedScenario.Replace(ShippedScenario.Text("stress-1m.json"), "\"count\": 5000,", "\"count\": 10000000,");
        var scenario = ShippedScenario.LoadText("s.json", text);
        var error = Assert.Single(WorldLimits.Check(scenario, "s.json"));
        Assert.Equal(("$.generate.operators.count", ScenarioRule.WorldLimit), (error.Path, error.Rule));
        Assert.Contains("--allow-large-world", error.Message);
    }
}
