using System.Diagnostics;
using System.Text.Json;

namespace Restaking.Cli.Tests;

/// <summary>
/// A real multi-process cluster on loopback, started the way a user starts one: <c>run-cluster.sh --silos 3</c> (Redis
/// with a generated password + three <c>restaking silo</c> processes with Redis membership), stopped with
/// <c>--stop</c>. The script runs this test build of the CLI (<c>RESTAKING_CLI</c>). Needs <c>redis-server</c>
/// (CI installs it).
/// </summary>
public class LocalCluster : IAsyncLifetime
{
    public const int Silos = 3;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "restaking-cluster-" + Guid.NewGuid().ToString("N")[..8]);

    public string StartOutput { get; private set; } = "";

    /// <summary>The PIDs run-cluster.sh wrote: silo-1 … silo-N and redis.</summary>
    public IReadOnlyDictionary<string, int> Pids { get; private set; } = new Dictionary<string, int>();

    public async ValueTask InitializeAsync()
    {
        var r = await Script(TimeSpan.FromMinutes(4), "--silos", Silos.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", Folder);
        StartOutput = r.Out + r.Err;
        Assert.True(r.ExitCode == 0, $"run-cluster.sh exited {r.ExitCode}:\n{StartOutput}\n{Logs()}");
        Pids = Directory.GetFiles(Folder, "*.pid").ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => int.Parse(File.ReadAllText(f).Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        await Script(TimeSpan.FromMinutes(1), "--stop", "--dir", Folder);
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }

    /// <summary>Every silo's log, for failure messages.</summary>
    public string Logs() => string.Join("\n", Directory.Exists(Folder)
        ? Directory.GetFiles(Folder, "*.log").Select(f => $"--- {Path.GetFileName(f)}\n{string.Join('\n', File.ReadLines(f).TakeLast(30))}")
        : []);

    internal static async Task<CliResult> Script(TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(Cli.RepoRoot, "run-cluster.sh"));
        foreach (var a in args) start.ArgumentList.Add(a);
        var cli = Cli.StartInfo([]);
        start.Environment["RESTAKING_CLI"] = $"{cli.FileName} {cli.ArgumentList[0]}";
        using var process = Process.Start(start)!;
        using var limit = new CancellationTokenSource(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(limit.Token);
        var stderr = process.StandardError.ReadToEndAsync(limit.Token);
        try { await process.WaitForExitAsync(limit.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"run-cluster.sh {string.Join(' ', args)} did not finish within {timeout.TotalSeconds:0} s");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    public static bool IsRunning(int pid)
    {
        try { return !Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }

    /// <summary>The entity grains per silo a run's run-info.json reports.</summary>
    public static Dictionary<string, int> EntityGrainsPerSilo(string outDir)
    {
        using var info = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "run-info.json")));
        return info.RootElement.GetProperty("entityGrainsPerSilo").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
    }
}
