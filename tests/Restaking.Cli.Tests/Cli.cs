using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Restaking.Cli.Tests;

/// <summary>What a finished <c>restaking</c> process left: its exit code and both output streams.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Err);

/// <summary>The restaking CLI as a user runs it: <c>dotnet restaking.dll …</c> in a child process.</summary>
internal static class Cli
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Quickstart => Path.Combine(RepoRoot, "scenarios", "quickstart.json");

    /// <summary>Runs the CLI to the end (at most 2 minutes).</summary>
    public static CliResult Run(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("restaking did not finish within 2 minutes: " + string.Join(' ', args));
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
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
        return start;
    }

    public static void AssertNoStackTrace(CliResult r)
    {
        Assert.DoesNotContain("   at ", r.Err);
        Assert.DoesNotContain("   at ", r.Out);
        Assert.DoesNotContain("Unhandled exception", r.Err);
    }

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Restaking.sln"))) return dir.FullName;
        throw new InvalidOperationException("Restaking.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>
/// A <c>restaking</c> process that keeps running (<c>run --hold</c>): its standard error is read line by line as it
/// comes, so a test can wait for a line, talk to the process, then signal it. Killed on dispose if still running.
/// </summary>
internal sealed class RunningCli : IDisposable
{
    private readonly Process process;
    private readonly object gate = new();
    private readonly List<string> errorLines = [];
    private readonly List<(string Prefix, TaskCompletionSource<string> Found)> waiters = [];

    public RunningCli(params string[] args)
    {
        process = new Process { StartInfo = Cli.StartInfo(args) };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (gate)
            {
                errorLines.Add(e.Data);
                foreach (var (prefix, found) in waiters)
                    if (e.Data.StartsWith(prefix, StringComparison.Ordinal)) found.TrySetResult(e.Data);
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    public int Id => process.Id;

    public string Err
    {
        get { lock (gate) return string.Join('\n', errorLines); }
    }

    /// <summary>The first standard-error line starting with <paramref name="prefix"/>; fails if the process exits
    /// first or nothing comes within <paramref name="timeout"/>.</summary>
    public async Task<string> ErrorLine(string prefix, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            var seen = errorLines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
            if (seen is not null) return seen;
            waiters.Add((prefix, found));
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var exited = process.WaitForExitAsync(stop.Token);
        var first = await Task.WhenAny(found.Task, exited, Task.Delay(timeout, stop.Token));
        stop.Cancel();
        if (first == found.Task) return await found.Task;
        if (first == exited) Assert.Fail($"restaking exited with {process.ExitCode} before printing \"{prefix}…\"; stderr:\n{Err}");
        Assert.Fail($"no \"{prefix}…\" on stderr within {timeout.TotalSeconds:0} s; stderr so far:\n{Err}");
        return "";
    }

    /// <summary>Sends SIGINT, as Ctrl+C would. (Should this process have been started with SIGINT ignored — a
    /// disposition children inherit, e.g. from a non-interactive shell's background job — SIGTERM, which the CLI
    /// handles the same way, is sent instead and the test output says so.)</summary>
    public void Interrupt()
    {
        string signal = SigintIgnored() ? "TERM" : "INT";
        if (signal != "INT") TestContext.Current.TestOutputHelper?.WriteLine("SIGINT is ignored by the child (inherited); sending SIGTERM");
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits for the exit code; kills the process and fails if it is still running after <paramref name="timeout"/>.</summary>
    public async Task<int> ExitCode(TimeSpan timeout)
    {
        try
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(timeout, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"restaking still running {timeout.TotalSeconds:0} s after the signal; stderr:\n{Err}");
        }
        return process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { } // never started or already gone
        process.Dispose();
    }

    /// <summary>Linux: bit 1 (SIGINT) of SigIgn in /proc/PID/status. Elsewhere: assume not ignored.</summary>
    private bool SigintIgnored()
    {
        string status = $"/proc/{process.Id}/status";
        if (!File.Exists(status)) return false;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 0b10) != 0;
    }
}
