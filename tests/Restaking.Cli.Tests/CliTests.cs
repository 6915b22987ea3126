using System.Diagnostics;

namespace Restaking.Cli.Tests;

/// <summary>The restaking CLI as a user runs it: <c>dotnet restaking.dll …</c> in a child process, checking exit codes,
/// standard error and the files written.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string temp = Path.Combine(Path.GetTempPath(), "restaking-cli-tests-" + Guid.NewGuid().ToString("N"));

    public CliTests() => Directory.CreateDirectory(temp);

    public void Dispose()
    {
        if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
    }

    private static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Restaking.sln"))) return dir.FullName;
            throw new InvalidOperationException("Restaking.sln not found above " + AppContext.BaseDirectory);
        }
    }

    private static string Quickstart => Path.Combine(RepoRoot, "scenarios", "quickstart.json");

    private sealed record CliResult(int ExitCode, string Out, string Err);

    private static CliResult Run(params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "restaking.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("restaking did not finish within 2 minutes: " + string.Join(' ', args));
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
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

    private static void AssertNoStackTrace(CliResult r)
    {
        Assert.DoesNotContain("   at ", r.Err);
        Assert.DoesNotContain("   at ", r.Out);
        Assert.DoesNotContain("Unhandled exception", r.Err);
    }

    [Fact]
    public void Validate_quickstart_exits_0()
    {
        var r = Run("validate", Quickstart);
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Contains("ok:", r.Out);
        Assert.Equal("", r.Err);
    }

    [Fact]
    public void Validate_malformed_exits_2_with_file_path_message_and_rule_and_no_stack_trace()
    {
        string file = Malformed();
        var r = Run("validate", file);
        Assert.Equal(2, r.ExitCode);
        Assert.Matches(@"^" + System.Text.RegularExpressions.Regex.Escape(file) + @": \$\.seed: .+ \[range\]$", r.Err.Trim().Split('\n')[0].TrimEnd('\r'));
        AssertNoStackTrace(r);
    }

    [Fact]
    public void Validate_reports_every_file_and_fails_if_any_is_bad()
    {
        var r = Run("validate", Quickstart, Malformed());
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("ok: ", r.Out);
        Assert.Contains("[range]", r.Err);
    }

    [Fact]
    public void Validate_missing_file_exits_2()
    {
        var r = Run("validate", Path.Combine(temp, "nope.json"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("[file-not-found]", r.Err);
        AssertNoStackTrace(r);
    }

    [Fact]
    public void Run_on_a_malformed_file_exits_2_and_writes_nothing()
    {
        string outDir = Path.Combine(temp, "out-bad");
        var r = Run("run", Malformed(), "--out", outDir, "--quiet");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("$.seed", r.Err);
        Assert.Contains("[range]", r.Err);
        AssertNoStackTrace(r);
        Assert.True(!Directory.Exists(outDir) || Directory.GetFileSystemEntries(outDir).Length == 0, "output folder has files");
    }

    [Fact]
    public void Run_quickstart_writes_exactly_the_four_files_with_one_timeline_row_per_tick()
    {
        string outDir = Path.Combine(temp, "out");
        var r = Run("run", Quickstart, "--out", outDir, "--quiet");
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
        var r = Run("run", Quickstart, "--out", outDir, "--quiet", "--ticks", "5");
        Assert.True(r.ExitCode == 0, r.Err);
        Assert.Equal(1 + 5, File.ReadAllText(Path.Combine(outDir, "timeline.csv")).TrimEnd('\n').Split('\n').Length);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public void Ticks_below_one_exits_2(string ticks)
    {
        string outDir = Path.Combine(temp, "out-ticks");
        var r = Run("run", Quickstart, "--out", outDir, "--quiet", "--ticks", ticks);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--ticks", r.Err);
        AssertNoStackTrace(r);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Unknown_engine_exits_non_zero_with_a_message()
    {
        string outDir = Path.Combine(temp, "out-engine");
        var r = Run("run", Quickstart, "--engine", "bogus", "--out", outDir, "--quiet");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("bogus", r.Err + r.Out);
        AssertNoStackTrace(r);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Two_runs_give_byte_identical_timeline_summary_and_events()
    {
        string a = Path.Combine(temp, "a"), b = Path.Combine(temp, "b");
        Assert.Equal(0, Run("run", Quickstart, "--out", a, "--quiet").ExitCode);
        Assert.Equal(0, Run("run", Quickstart, "--out", b, "--quiet").ExitCode);
        foreach (var name in new[] { "timeline.csv", "summary.json", "events.jsonl" })
            Assert.True(File.ReadAllBytes(Path.Combine(a, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, name))), name + " differs");
    }

    [Fact]
    public void Seed_override_is_recorded()
    {
        string outDir = Path.Combine(temp, "out-seed");
        Assert.Equal(0, Run("run", Quickstart, "--out", outDir, "--quiet", "--seed", "7").ExitCode);
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal(7UL, summary.RootElement.GetProperty("seed").GetUInt64());
    }

    [Fact]
    public void Bench_quick_exits_0_prints_the_ratios_and_writes_json()
    {
        string json = Path.Combine(temp, "bench.json");
        var r = Run("bench", "--repeat", "1", "--skip-stress", "--quick", "--quiet", "--scenarios", Path.Combine(RepoRoot, "scenarios"), "--out", json);
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
        var r = Run("bench", "--repeat", "0", "--skip-stress");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--repeat", r.Err);
        AssertNoStackTrace(r);
    }
}
