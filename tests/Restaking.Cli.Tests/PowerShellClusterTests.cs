using System.Diagnostics;

namespace Restaking.Cli.Tests;

/// <summary>
/// run-cluster.ps1, the PowerShell twin of run-cluster.sh, as a user runs it: start two silos and Redis, submit
/// <c>restaking run --cluster</c>, stop. The outputs are the reference engine's bytes and nothing it started is left running.
/// PowerShell is the .NET tool (<c>dotnet tool install PowerShell --version 7.6.10 --tool-path .tools</c>, which .ci/run does),
/// or a pwsh on the PATH.
/// </summary>
public sealed class PowerShellClusterTests : IDisposable
{
    private readonly string temp = Path.Combine(Path.GetTempPath(), "restaking-ps-" + Guid.NewGuid().ToString("N")[..8]);

    public PowerShellClusterTests() => Directory.CreateDirectory(temp);

    public void Dispose()
    {
        try { Directory.Delete(temp, recursive: true); } catch (IOException) { }
    }

    private static string Pwsh()
    {
        var local = Path.Combine(Cli.RepoRoot, ".tools", OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh");
        if (File.Exists(local)) return local;
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh")).FirstOrDefault(File.Exists);
        Assert.True(onPath is not null, "pwsh not found: dotnet tool install PowerShell --version 7.6.10 --tool-path .tools (.ci/run does)");
        return onPath!;
    }

    private static async Task<CliResult> Script(string folder, params string[] args)
    {
        var start = new ProcessStartInfo(Pwsh()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-NoProfile", "-NonInteractive", "-File", Path.Combine(Cli.RepoRoot, "run-cluster.ps1") }.Concat(args).Concat(["-Dir", folder]))
            start.ArgumentList.Add(a);
        var cli = Cli.StartInfo([]);
        start.Environment["RESTAKING_CLI"] = $"{cli.FileName} {cli.ArgumentList[0]}";
        using var process = Process.Start(start)!;
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var stdout = process.StandardOutput.ReadToEndAsync(limit.Token);
        var stderr = process.StandardError.ReadToEndAsync(limit.Token);
        try { await process.WaitForExitAsync(limit.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"run-cluster.ps1 {string.Join(' ', args)} did not finish within 4 minutes");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Start_submit_stop_gives_the_reference_bytes_and_leaves_nothing_running()
    {
        string folder = Path.Combine(temp, "cluster");
        var start = await Script(folder, "-Silos", "2");
        var pids = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.pid").Select(f => int.Parse(File.ReadAllText(f).Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToList()
            : [];
        try
        {
            Assert.True(start.ExitCode == 0, $"run-cluster.ps1 exited {start.ExitCode}:\n{start.Out}\n{start.Err}");
            Assert.Equal(3, pids.Count);   // redis and two silos
            Assert.Contains("submit a run:", start.Out);

            string onCluster = Path.Combine(temp, "cluster-run"), reference = Path.Combine(temp, "reference");
            var run = Cli.Run("run", Cli.Quickstart, "--cluster", folder, "--quiet", "--out", onCluster);
            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Err}");
            Assert.Contains("2 active silos", run.Err);
            Assert.Equal(0, Cli.Run("run", Cli.Quickstart, "--engine", "reference", "--quiet", "--out", reference).ExitCode);
            foreach (var name in new[] { "timeline.csv", "summary.json", "events.jsonl" })
                Assert.True(File.ReadAllBytes(Path.Combine(reference, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(onCluster, name))),
                    name + " differs from the reference engine's");
        }
        finally
        {
            var stop = await Script(folder, "-Stop");
            Assert.True(stop.ExitCode == 0, stop.Err);
            Assert.All(pids, pid => Assert.False(LocalCluster.IsRunning(pid), $"pid {pid} still running after -Stop"));
            Assert.Empty(Directory.GetFiles(folder, "*.pid"));
            Assert.False(File.Exists(Path.Combine(folder, "cluster.json")));
        }
    }
}
