using System.Text.Json;
using Restaking.Domain.MonteCarlo;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;

namespace Restaking.Cli.Tests;

/// <summary><c>restaking montecarlo</c> end to end: the files it writes, and exit 2 with nothing written on bad input.</summary>
public sealed class MonteCarloCliTests : IDisposable
{
    private static readonly string Small = Path.Combine(Cli.RepoRoot, "tests", "Restaking.Domain.Tests", "MonteCarlo", "montecarlo-small.json");

    private readonly string temp = Path.Combine(Path.GetTempPath(), "restaking-mc-tests-" + Guid.NewGuid().ToString("N"));

    public MonteCarloCliTests() => Directory.CreateDirectory(temp);

    public void Dispose()
    {
        if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
    }

    [Fact]
    public void Montecarlo_writes_the_three_files_the_in_process_trials_make()
    {
        string outDir = Path.Combine(temp, "out");
        var r = Cli.Run("montecarlo", Small, "--trials", "12", "--seed", "40", "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Err);

        var files = Directory.GetFileSystemEntries(outDir).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["montecarlo-summary.json", "montecarlo.csv", "run-info.json"], files);
        // The same trials one by one in this process give the same bytes.
        var kinds = Restaking.ServiceKinds.BuiltInKinds.Registry();
        var scenario = ScenarioLoader.Load(Small, kinds.Names).Scenario! with { Seed = 40 };
        var trials = Enumerable.Range(0, 12).Select(i => MonteCarloTrial.Run(scenario, 40 + (ulong)i, kinds)).ToList();
        Assert.Equal(MonteCarloReport.BuildCsv(trials), File.ReadAllText(Path.Combine(outDir, "montecarlo.csv")));
        Assert.Equal(MonteCarloReport.BuildSummary(scenario, trials), File.ReadAllText(Path.Combine(outDir, "montecarlo-summary.json")));
        using var info = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "run-info.json")));
        Assert.Equal(12, info.RootElement.GetProperty("trials").GetInt32());
        Assert.True(info.RootElement.GetProperty("wallSeconds").GetDouble() > 0);
        // Without --quiet, the summary table.
        Assert.Contains("expected shortfall 99 %", r.Out);
    }

    [Fact]
    public void Quiet_prints_nothing_and_the_default_folder_names_scenario_seed_and_trials()
    {
        var start = Cli.StartInfo(["montecarlo", Small, "--trials", "3", "--quiet"]);
        start.WorkingDirectory = temp;
        using var process = System.Diagnostics.Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd(), stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "montecarlo did not finish");
        Assert.True(process.ExitCode == 0, stderr);
        Assert.Equal("", stdout);
        Assert.True(File.Exists(Path.Combine(temp, "runs", "montecarlo-small-montecarlo-1-3", "montecarlo.csv")));
    }

    public static TheoryData<string[], string> BadInputs() => new()
    {
        { ["--trials", "0"], "--trials" },
        { ["--trials", "-3"], "--trials" },
        { ["--trials", "2", "--seed", "18446744073709551615"], "--seed" },
        { [], "--trials" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void A_bad_option_exits_2_naming_it_and_writes_nothing(string[] options, string named)
    {
        string outDir = Path.Combine(temp, "out-bad");
        var r = Cli.Run(["montecarlo", Small, "--out", outDir, "--quiet", .. options]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(named, r.Err);
        Cli.AssertNoStackTrace(r);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void A_missing_or_invalid_scenario_exits_2_naming_the_file_and_rule_and_writes_nothing()
    {
        string outDir = Path.Combine(temp, "out-file");
        string missing = Path.Combine(temp, "nope.json");
        var r = Cli.Run("montecarlo", missing, "--trials", "2", "--out", outDir, "--quiet");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(missing + ": $: file not found [file-not-found]", r.Err);

        string invalid = Path.Combine(temp, "bad.json");
        File.WriteAllText(invalid, File.ReadAllText(Small).Replace("\"seed\": 1,", "\"seed\": -1,", StringComparison.Ordinal));
        r = Cli.Run("montecarlo", invalid, "--trials", "2", "--out", outDir, "--quiet");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(invalid + ": $.seed:", r.Err);
        Assert.Contains("[range]", r.Err);
        Cli.AssertNoStackTrace(r);
        Assert.False(Directory.Exists(outDir));
    }
}
