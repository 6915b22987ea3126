using System.Diagnostics;

namespace Restaking.Cli.Tests;

/// <summary>
/// Issue 15's command-line cases and a representative sample of its bad files through the real process: exit 2, one line per
/// error, no stack trace, nothing written, and refused before anything starts (the in-process fuzz corpus covers the rest:
/// tests/Restaking.Domain.Tests/Hardening).
/// </summary>
public sealed class BadInputCliTests : IDisposable
{
    private readonly string temp = Path.Combine(Path.GetTempPath(), "restaking-badinput-" + Guid.NewGuid().ToString("N"));

    public BadInputCliTests() => Directory.CreateDirectory(temp);

    public void Dispose()
    {
        if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
    }

    private string Out => Path.Combine(temp, "out");

    private static void AssertRefused(CliResult r, string expected)
    {
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.Err}");
        Assert.Contains(expected, r.Err);
        Cli.AssertNoStackTrace(r);
        Assert.DoesNotContain("Exception", r.Err);
    }

    private string QuickstartWith(string from, string to)
    {
        var text = File.ReadAllText(Cli.Quickstart);
        Assert.Contains(from, text);
        var file = Path.Combine(temp, "q.json");
        File.WriteAllText(file, text.Replace(from, to, StringComparison.Ordinal));
        return file;
    }

    [Theory]
    [InlineData("\"seed\": 42", "\"seed\": 42.00000000000000000000000000001", "$.seed: must be an integer")]
    [InlineData("\"name\": \"quickstart\"", "\"name\": \"quick\\ud800start\"", "$.name: the string escapes half of a UTF-16 surrogate pair")]
    [InlineData("\"$schema\": \"./scenario.schema.json\",", "\"$schema\": null,", "$['$schema']: must be a string")]
    [InlineData("\"count\": 30, \"seconds\": 86400", "\"count\": 1000000, \"seconds\": 2147483647", "$.ticks: a run of")]
    public void A_bad_file_is_refused_with_one_line_and_nothing_written(string from, string to, string expected)
    {
        var r = Cli.Run("run", QuickstartWith(from, to), "--engine", "reference", "--quiet", "--out", Out);
        AssertRefused(r, expected);
        Assert.Single(r.Err.Trim().Split('\n'));
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public void Out_naming_nothing_a_file_or_dev_null_is_refused_before_the_run()
    {
        AssertRefused(Cli.Run("run", Cli.Quickstart, "--engine", "reference", "--quiet", "--out", ""), "--out: must name a folder");
        var file = Path.Combine(temp, "a-file");
        File.WriteAllText(file, "x");
        AssertRefused(Cli.Run("run", Cli.Quickstart, "--engine", "reference", "--quiet", "--out", file), "is a file, not a folder");
        AssertRefused(Cli.Run("run", Cli.Quickstart, "--engine", "reference", "--quiet", "--out", Path.Combine(file, "sub")), "so the folder cannot be created");
        if (!OperatingSystem.IsWindows())
            AssertRefused(Cli.Run("run", Cli.Quickstart, "--engine", "reference", "--quiet", "--out", "/dev/null"), "is a file, not a folder");
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Theory]
    [InlineData("1000001")]
    [InlineData("2147483647")]
    public void Ticks_beyond_the_files_limit_are_refused(string ticks) =>
        AssertRefused(Cli.Run("run", Cli.Quickstart, "--engine", "reference", "--quiet", "--ticks", ticks, "--out", Path.Combine(temp, "t")),
            "--ticks: must be between 1 and 1,000,000");

    [Fact]
    public void A_malformed_cluster_string_is_refused_at_once()
    {
        var r = Cli.Run("run", Cli.Quickstart, "--cluster", "not a cluster::", "--quiet", "--out", Out);
        AssertRefused(r, "--cluster:");
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public void A_cluster_that_does_not_answer_is_one_line_with_a_hint_and_exit_1()
    {
        var r = Cli.Run("run", Cli.Quickstart, "--cluster", $"127.0.0.1:{Cli.FreePort()},password=x", "--connect-timeout", "3", "--quiet", "--out", Out);
        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}: {r.Err}");
        var line = Assert.Single(r.Err.Trim().Split('\n'));
        Assert.Contains("--cluster: cannot reach the cluster", line);
        Assert.Contains("--connect-timeout", line);
        Cli.AssertNoStackTrace(r);
        Assert.False(Directory.Exists(Out));
        AssertRefused(Cli.Run("run", Cli.Quickstart, "--cluster", "127.0.0.1:6379", "--connect-timeout", "0"), "--connect-timeout: must be 1 … 3600 seconds");
    }

    [Fact]
    public void Devices_fifos_and_large_files_are_refused_before_reading()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "device files and FIFOs are Unix's");
        AssertRefused(Cli.Run("validate", "/dev/zero"), "[not-a-file]");
        var fifo = Path.Combine(temp, "fifo.json");
        using (var mkfifo = Process.Start("mkfifo", [fifo])) mkfifo.WaitForExit();
        AssertRefused(Cli.Run("validate", fifo), "is a FIFO");
        var big = Path.Combine(temp, "big.json");
        File.WriteAllText(big, "{\"name\": \"" + new string('x', (1 << 20) + 10) + "\"}");
        AssertRefused(Cli.Run("validate", big, "--max-file-mib", "1"), "[file-too-large]");
        AssertRefused(Cli.Run("validate", Cli.Quickstart, "--max-file-mib", "0"), "--max-file-mib: must be at least 1");
    }

    [Fact]
    public void An_absurd_generated_world_is_refused_unless_allowed()
    {
        var text = File.ReadAllText(Path.Combine(Cli.RepoRoot, "scenarios", "stress-1m.json"));
        var file = Path.Combine(temp, "huge.json");
        File.WriteAllText(file, text.Replace("\"count\": 5000,", "\"count\": 10000000,", StringComparison.Ordinal));
        AssertRefused(Cli.Run("validate", file), "$.generate.operators.count: 10,000,000 operators, more than 100,000 (--allow-large-world");
    }
}
