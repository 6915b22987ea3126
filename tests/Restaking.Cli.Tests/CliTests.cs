namespace Restaking.Cli.Tests;

/// <summary>The restaking CLI as a user runs it: <c>dotnet restaking.dll …</c> in a child process, checking exit codes,
/// standard error and the files written. Runs use the default engine (orleans) without the dashboard: tests run in
/// parallel, and the dashboard's default port (8080) can serve only one of them.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string temp = Path.Combine(Path.GetTempPath(), "restaking-cli-tests-" + Guid.NewGuid().ToString("N"));

    public CliTests() => Directory.CreateDirectory(temp);

    public void Dispose()
    {
        if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
    }

    /// <summary>One deliberate mistake: the seed is negative.</summary>
    private string Malformed()
    {
        string file = Path.Combine(temp, "bad.json");
        File.WriteAllText(file, """
            { "name": "bad", "seed": -1, "ticks": { "count": 3, "seconds": 60 }, "baseChain": { "totalActiveBalanceEth": 1000 } }
            """);
        return file;
    }

    [Fact]
    public void Validate_quickstart_exits_0()
    {
        var r = Cli.Run("validate", Cli.Quickstart);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("ok:", r.Out);
        Assert.Equal("", r.Err);
    }

    [Fact]
    public void Validate_malformed_exits_2_with_file_path_message_and_rule_and_no_stack_trace()
    {
        string file = Malformed();
        var r = Cli.Run("validate", file);
        Assert.Equal(2, r.ExitCode);
        Assert.Matches(@"^" + System.Text.RegularExpressions.Regex.Escape(file) + @": \$\.seed: .+ \[range\]$", r.Err.Trim().Split('\n')[0].TrimEnd('\r'));
        Cli.AssertNoStackTrace(r);
    }

    [Fact]
    public void Validate_reports_every_file_and_fails_if_any_is_bad()
    {
        var r = Cli.Run("validate", Cli.Quickstart, Malformed());
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("ok: ", r.Out);
        Assert.Contains("[range]", r.Err);
    }

    [Fact]
    public void Validate_missing_file_exits_2()
    {
        var r = Cli.Run("validate", Path.Combine(temp, "nope.json"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("[file-not-found]", r.Err);
        Cli.AssertNoStackTrace(r);
    }

    [Fact]
    public void Run_on_a_malformed_file_exits_2_and_writes_nothing()
    {
        string outDir = Path.Combine(temp, "out-bad");
        var r = Cli.Run("run", Malformed(), "--out", outDir, "--quiet", "--no-dashboard");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("$.seed", r.Err);
        Assert.Contains("[range]", r.Err);
        Cli.AssertNoStackTrace(r);
        Assert.True(!Directory.Exists(outDir) || Directory.GetFileSystemEntries(outDir).Length == 0, "output folder has files");
    }

    [Fact]
    public void Run_quickstart_writes_exactly_the_four_files_with_one_timeline_row_per_tick()
    {
        string outDir = Path.Combine(temp, "out");
        var r = Cli.Run("run", Cli.Quickstart, "--out", outDir, "--quiet", "--no-dashboard");
        Assert.True(r.ExitCode == 0, r.Err);

        var files = Directory.GetFileSystemEntries(outDir).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["events.jsonl", "run-info.json", "summary.json", "timeline.csv"], files);

        var lines = File.ReadAllText(Path.Combine(outDir, "timeline.csv")).TrimEnd('\n').Split('\n');
        Assert.StartsWith("tick,", lines[0]);
        Assert.Equal(1 + 30, lines.Length); // quickstart: "ticks": { "count": 30 }
        for (int t = 0; t < 30; t++) Assert.StartsWith($"{t},", lines[t + 1]);
        Assert.NotEmpty(File.ReadAllText(Path.Combine(outDir, "events.jsonl")));
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal("quickstart", summary.RootElement.GetProperty("scenario").GetString());
    }

    [Fact]
    public void Ticks_override_changes_the_row_count()
    {
        string outDir = Path.Combine(temp, "out-5");
        var r = Cli.Run("run", Cli.Quickstart, "--out", outDir, "--quiet", "--no-dashboard", "--ticks", "5");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal(1 + 5, File.ReadAllText(Path.Combine(outDir, "timeline.csv")).TrimEnd('\n').Split('\n').Length);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public void Ticks_below_one_exits_2(string ticks)
    {
        string outDir = Path.Combine(temp, "out-ticks");
        var r = Cli.Run("run", Cli.Quickstart, "--out", outDir, "--quiet", "--no-dashboard", "--ticks", ticks);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--ticks", r.Err);
        Cli.AssertNoStackTrace(r);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Unknown_engine_exits_non_zero_with_a_message()
    {
        string outDir = Path.Combine(temp, "out-engine");
        var r = Cli.Run("run", Cli.Quickstart, "--engine", "bogus", "--out", outDir, "--quiet");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("bogus", r.Err + r.Out);
        Cli.AssertNoStackTrace(r);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Two_runs_give_byte_identical_timeline_summary_and_events()
    {
        string a = Path.Combine(temp, "a"), b = Path.Combine(temp, "b");
        Assert.Equal(0, Cli.Run("run", Cli.Quickstart, "--out", a, "--quiet", "--no-dashboard").ExitCode);
        Assert.Equal(0, Cli.Run("run", Cli.Quickstart, "--out", b, "--quiet", "--no-dashboard").ExitCode);
        foreach (var name in new[] { "timeline.csv", "summary.json", "events.jsonl" })
            Assert.True(File.ReadAllBytes(Path.Combine(a, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, name))), name + " differs");
    }

    [Fact]
    public void Seed_override_is_recorded()
    {
        string outDir = Path.Combine(temp, "out-seed");
        Assert.Equal(0, Cli.Run("run", Cli.Quickstart, "--out", outDir, "--quiet", "--no-dashboard", "--seed", "7").ExitCode);
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal(7UL, summary.RootElement.GetProperty("seed").GetUInt64());
    }

    [Fact]
    public void Security_model_override_changes_the_spread_and_a_bad_one_exits_2()
    {
        // security-models.json: oracle-1 slashes its four operators by 100 % of what it sees. Pooled: they lose all
        // their stake (36,000 of 55,000 ETH); unique stake: only their oracle-1 allocations (8,800 ETH; see docs/models/security-models.md).
        string file = Path.Combine(Cli.RepoRoot, "scenarios", "security-models.json");
        long Slashed(string model)
        {
            string outDir = Path.Combine(temp, "out-" + model);
            var r = Cli.Run("run", file, "--engine", "reference", "--security-model", model, "--out", outDir, "--quiet");
            Assert.True(r.ExitCode == 0, r.Err);
            using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
            Assert.Equal(model, summary.RootElement.GetProperty("securityModel").GetString());
            return summary.RootElement.GetProperty("slashedGwei").GetProperty("total").GetInt64();
        }
        Assert.Equal(36_000_000_000_000, Slashed("pooled"));
        Assert.Equal(8_800_000_000_000, Slashed("unique-stake"));

        string bad = Path.Combine(temp, "out-bad-model");
        var r = Cli.Run("run", file, "--security-model", "shared", "--out", bad, "--quiet", "--no-dashboard");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("shared", r.Err + r.Out);
        Cli.AssertNoStackTrace(r);
        Assert.False(Directory.Exists(bad));
    }

    [Fact]
    public void A_security_model_that_cannot_apply_a_fault_exits_2_naming_the_fault()
    {
        // withdrawal-wave.json reallocates (unique stake only): under pooled its reallocate faults have no meaning.
        string file = Path.Combine(Cli.RepoRoot, "scenarios", "withdrawal-wave.json");
        string outDir = Path.Combine(temp, "out-pooled");
        var r = Cli.Run("run", file, "--engine", "reference", "--security-model", "pooled", "--out", outDir, "--quiet");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("$.faults[1].type: reallocate faults need securityModel \"unique-stake\"", r.Err);
        Assert.Contains("[security-model] (--security-model pooled)", r.Err);
        Cli.AssertNoStackTrace(r);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void A_vault_withdrawal_under_an_overriding_model_without_vaults_exits_2_naming_the_fault()
    {
        // symbiotic-withdrawals.json withdraws from a shared vault: unique stake builds no vaults, so the fault has no meaning.
        string file = Path.Combine(Cli.RepoRoot, "scenarios", "symbiotic-withdrawals.json");
        string outDir = Path.Combine(temp, "out-unique");
        var r = Cli.Run("run", file, "--engine", "reference", "--security-model", "unique-stake", "--out", outDir, "--quiet");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("$.faults[0].type: vault-withdrawal faults withdraw from a Symbiotic vault", r.Err);
        Assert.Contains("[security-model] (--security-model unique-stake)", r.Err);
        Cli.AssertNoStackTrace(r);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Bench_quick_exits_0_prints_the_ratios_and_writes_json()
    {
        string json = Path.Combine(temp, "bench.json");
        var r = Cli.Run("bench", "--repeat", "1", "--skip-stress", "--quick", "--quiet", "--scenarios", Path.Combine(Cli.RepoRoot, "scenarios"), "--out", json);
        Assert.True(r.ExitCode == 0, r.Err + r.Out);
        Assert.Contains("b / a", r.Out);
        Assert.Contains("orleans / reference", r.Out);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(json));
        Assert.True(doc.RootElement.GetProperty("cascadeToCeiling").GetDouble() > 0);
        foreach (var transport in doc.RootElement.GetProperty("cascade").EnumerateObject().Where(p => p.Value.ValueKind == System.Text.Json.JsonValueKind.Object))
            Assert.True(transport.Value.GetProperty("matchesReference").GetBoolean(), transport.Name);
    }

    [Fact]
    public void Bench_repeat_below_one_exits_2()
    {
        var r = Cli.Run("bench", "--repeat", "0", "--skip-stress");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--repeat", r.Err);
        Cli.AssertNoStackTrace(r);
    }
}
