namespace Restaking.Cli.Tests;

/// <summary>
/// <c>run --cluster</c> against a real three-process cluster started by run-cluster.sh: the same files as the
/// reference engine, entity grains on every silo, and <c>--stop</c> ends exactly the processes it started.
/// </summary>
public sealed class ClusterTests(LocalCluster cluster) : IClassFixture<LocalCluster>, IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("restaking-cluster-test-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    [Fact]
    public void Run_cluster_sh_starts_redis_and_three_silos_that_all_joined_and_says_how_to_submit_a_run()
    {
        Assert.Contains($"{LocalCluster.Silos} active silos", cluster.StartOutput);
        Assert.Contains("dashboard: http://127.0.0.1:", cluster.StartOutput);
        Assert.Contains("run scenarios/quickstart.json --cluster " + cluster.Folder, cluster.StartOutput);
        Assert.Equal(["redis", "silo-1", "silo-2", "silo-3"], cluster.Pids.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.All(cluster.Pids.Values, pid => Assert.True(LocalCluster.IsRunning(pid), $"pid {pid} is not running"));
        // Redis: loopback only, password required.
        string conf = File.ReadAllText(Path.Combine(cluster.Folder, "redis.conf"));
        Assert.Contains("bind 127.0.0.1\n", conf);
        Assert.Matches(@"requirepass [0-9a-f]{48}\n", conf);
    }

    [Fact]
    public void Mainnet_on_the_three_process_cluster_writes_the_reference_files_with_entity_grains_on_every_silo()
    {
        string scenario = Path.Combine(Cli.RepoRoot, "scenarios", "mainnet-2025.json");
        string onCluster = Path.Combine(temp, "cluster"), reference = Path.Combine(temp, "reference");

        var r = Cli.Run("run", scenario, "--cluster", cluster.Folder, "--quiet", "--out", onCluster);
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n{r.Err}\n{cluster.Logs()}");
        Assert.Equal(0, Cli.Run("run", scenario, "--engine", "reference", "--quiet", "--out", reference).ExitCode);

        foreach (var name in new[] { "timeline.csv", "summary.json", "events.jsonl" })
            Assert.True(File.ReadAllBytes(Path.Combine(reference, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(onCluster, name))),
                name + " differs from the reference engine's");
        // ~1,950 entity grains under random placement: each silo hosts about a third.
        var perSilo = LocalCluster.EntityGrainsPerSilo(onCluster);
        Assert.True(perSilo.Count == LocalCluster.Silos && perSilo.Values.All(n => n > 300),
            "entity grains per silo: " + string.Join(", ", perSilo));
    }

    [Fact]
    public void Montecarlo_over_the_three_process_cluster_writes_the_files_of_one_embedded_silo()
    {
        string scenario = Path.Combine(Cli.RepoRoot, "tests", "Restaking.Domain.Tests", "MonteCarlo", "montecarlo-small.json");
        string onCluster = Path.Combine(temp, "mc-cluster"), embedded = Path.Combine(temp, "mc-embedded");

        var r = Cli.Run("montecarlo", scenario, "--trials", "24", "--cluster", cluster.Folder, "--quiet", "--out", onCluster);
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n{r.Err}\n{cluster.Logs()}");
        Assert.Contains($"{LocalCluster.Silos} active silos", r.Err);
        Assert.Equal(0, Cli.Run("montecarlo", scenario, "--trials", "24", "--quiet", "--out", embedded).ExitCode);

        foreach (var name in new[] { "montecarlo.csv", "montecarlo-summary.json" })
            Assert.True(File.ReadAllBytes(Path.Combine(embedded, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(onCluster, name))),
                name + " differs between the cluster and one embedded silo");
    }

    [Fact]
    public void A_bare_cluster_flag_without_a_cluster_folder_exits_2_saying_how_to_start_one()
    {
        var start = Cli.StartInfo(["run", Cli.Quickstart, "--cluster", "--quiet", "--out", Path.Combine(temp, "none")]);
        start.WorkingDirectory = temp;
        start.Environment.Remove("RESTAKING_CLUSTER");
        using var process = System.Diagnostics.Process.Start(start)!;
        string err = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains(".restaking-cluster", err);
        Assert.Contains("run-cluster.sh", err);
        Assert.DoesNotContain("   at ", err);
        Assert.False(Directory.Exists(Path.Combine(temp, "none")));
    }

    [Fact]
    public void A_cluster_value_that_is_no_file_and_no_redis_address_exits_2()
    {
        var r = Cli.Run("run", Cli.Quickstart, "--cluster", "nowhere/cluster.json", "--quiet", "--out", Path.Combine(temp, "bad"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--cluster: nowhere/cluster.json", r.Err);
        Cli.AssertNoStackTrace(r);
    }

    [Fact]
    public void Cluster_with_the_reference_engine_exits_2()
    {
        var r = Cli.Run("run", Cli.Quickstart, "--cluster", cluster.Folder, "--engine", "reference", "--quiet", "--out", Path.Combine(temp, "ref"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("[cluster-option]", r.Err);
        Cli.AssertNoStackTrace(r);
    }
}

/// <summary><c>run-cluster.sh --stop</c> on a cluster of its own: every process it started ends, nothing else.</summary>
public sealed class ClusterStopTests
{
    [Fact]
    public async Task Stop_ends_exactly_the_processes_in_its_pid_files()
    {
        var cluster = new LocalCluster();
        await cluster.InitializeAsync();
        var pids = cluster.Pids.Values.ToList();
        using var bystander = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        try
        {
            var r = await LocalCluster.Script(TimeSpan.FromMinutes(1), "--stop", "--dir", cluster.Folder);

            Assert.Equal(0, r.ExitCode);
            Assert.All(pids, pid => Assert.False(LocalCluster.IsRunning(pid), $"pid {pid} still running after --stop"));
            Assert.True(LocalCluster.IsRunning(bystander.Id), "--stop ended a process it did not start");
            Assert.Empty(Directory.GetFiles(cluster.Folder, "*.pid"));
            Assert.Contains("silo-1", r.Out);
        }
        finally
        {
            bystander.Kill();
            await cluster.DisposeAsync();
        }
    }
}

/// <summary>
/// A silo dies mid-run (<c>kill -9</c>) on a cluster of its own: the run goes back to its last checkpoint, replays,
/// and writes exactly the reference engine's files; run-info.json records the recovery.
/// </summary>
public sealed class SiloFailureTests(LocalCluster cluster) : IClassFixture<LocalCluster>, IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("restaking-failure-test-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    [Fact]
    public async Task A_silo_killed_mid_run_costs_time_not_answers()
    {
        string scenario = Path.Combine(Cli.RepoRoot, "scenarios", "mainnet-2025.json");
        string onCluster = Path.Combine(temp, "cluster"), reference = Path.Combine(temp, "reference");
        // Not --quiet: without a terminal, run prints "progress: tick N/720" per tenth of the run.
        using var run = new RunningCli("run", scenario, "--cluster", cluster.Folder, "--out", onCluster);
        // A tenth in: past the first checkpoint, with most of the run to go.
        await run.ErrorLine("progress: tick", TimeSpan.FromSeconds(120));
        int victim = cluster.Pids["silo-2"];
        System.Diagnostics.Process.GetProcessById(victim).Kill(); // SIGKILL: no goodbye to the membership table
        TestContext.Current.TestOutputHelper?.WriteLine($"killed silo-2 (pid {victim})");

        int exit = await run.ExitCode(TimeSpan.FromMinutes(4));

        Assert.True(exit == 0, $"exit {exit}\n{run.Err}\n{cluster.Logs()}");
        Assert.Equal(0, Cli.Run("run", scenario, "--engine", "reference", "--quiet", "--out", reference).ExitCode);
        foreach (var name in new[] { "timeline.csv", "summary.json", "events.jsonl" })
            Assert.True(File.ReadAllBytes(Path.Combine(reference, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(onCluster, name))),
                name + " differs from the reference engine's");
        // The kill landed mid-run: the run says it recovered (else this test proved nothing).
        using var info = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(onCluster, "run-info.json")));
        Assert.True(info.RootElement.TryGetProperty("recoveries", out var recoveries) && recoveries.GetArrayLength() > 0,
            "no recovery recorded: the silo died after the run, or the run never noticed\n" + run.Err);
        Assert.Contains("recovered: tick", run.Err);
        // Two silos are left, and they host the run's grains.
        Assert.Equal(LocalCluster.Silos - 1, LocalCluster.EntityGrainsPerSilo(onCluster).Count);
    }
}
