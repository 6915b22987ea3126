using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;
using Restaking.Contracts;
using Restaking.Grains.Runs;
using Restaking.Grains.Tests.Support;
using Restaking.Silo;

namespace Restaking.Grains.Tests;

/// <summary>
/// Recovery you can debug: a silo of an in-process cluster (three silos, checkpoints on) is stopped mid-run; the run goes
/// back to its last checkpoint, replays, and gives the reference engine's bytes. The real-process twin is the kill -9 test
/// (tests/Restaking.Cli.Tests/ClusterTests.cs); this one runs under a debugger.
/// </summary>
public class SiloStopRecoveryTests
{
    /// <summary>Checkpoint storage every silo of this process shares (Redis on a real cluster): a stopped silo's own
    /// storage grains would take the checkpoints with them. Values are kept serialized, as a store keeps them.</summary>
    private sealed class SharedCheckpointStorage(Serializer serializer) : IGrainStorage
    {
        private static readonly ConcurrentDictionary<(string, GrainId), (byte[] State, string ETag)> Store = new();

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (Store.TryGetValue((stateName, grainId), out var stored))
            {
                grainState.State = serializer.Deserialize<T>(stored.State);
                grainState.ETag = stored.ETag;
                grainState.RecordExists = true;
            }
            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            var etag = Guid.NewGuid().ToString("N");
            Store[(stateName, grainId)] = (serializer.SerializeToArray(grainState.State), etag);
            grainState.ETag = etag;
            grainState.RecordExists = true;
            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Store.TryRemove((stateName, grainId), out _);
            grainState.RecordExists = false;
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_silo_stopped_mid_run_costs_time_not_answers()
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddRestaking(TestKinds.Catalog, checkpoints: true);
            silo.Services.AddKeyedSingleton<IGrainStorage>(RestakingSiloBuilder.CheckpointStorage,
                (services, _) => new SharedCheckpointStorage(services.GetRequiredService<Serializer>()));
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(RunStreams.Provider));
        await using var cluster = builder.Build();
        await cluster.DeployAsync(TestContext.Current.CancellationToken);

        var scenario = ScenarioText.Shipped("mainnet-2025.json");
        var expected = ReferenceRuns.Of(scenario);
        var run = scenario.NewRun();
        var tenthIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = new Progress<RunProgress>(p => { if (p.TicksDone >= p.Ticks / 10) tenthIn.TrySetResult(); });
        var running = new OrleansEngine(cluster.Client).RunAsync(run, progress, TestContext.Current.CancellationToken);

        await tenthIn.Task.WaitAsync(TestContext.Current.CancellationToken);
        // Stop a silo that is neither the membership's first (primary) nor the coordinator's: the entity grains on it are lost.
#pragma warning disable xUnit1051 // a management call; the test's token bounds the run it waits on
        var coordinatorSilo = (await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics([typeof(RunCoordinatorGrain).FullName!]))
            .FirstOrDefault(s => s.GrainId.ToString().Contains(run.RunId, StringComparison.Ordinal))?.SiloAddress;
#pragma warning restore xUnit1051
        var victim = cluster.Silos.Skip(1).First(s => s.SiloAddress != coordinatorSilo);
        await cluster.StopSiloAsync(victim, TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine($"stopped {victim.SiloAddress} (coordinator on {coordinatorSilo})");

        var outcome = await running;

        Assert.False(running.IsFaulted);
        SameOutputs.Assert(expected, outcome, "mainnet-2025 with a silo stopped mid-run");
        Assert.True(outcome.Recoveries is { Count: > 0 }, "no recovery recorded: the silo stopped after the run, or the run never noticed");
    }
}
