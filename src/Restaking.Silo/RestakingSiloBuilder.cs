using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Streams;
using Restaking.Contracts;
using Restaking.Grains;
using Restaking.Grains.Bench;
using Restaking.Grains.Runs;
using Restaking.Grains.Services;

namespace Restaking.Silo;

/// <summary>What every Restaking silo needs, whatever its clustering: the run stream, the cascade transport, the
/// service kinds, the per-silo run worlds.</summary>
public static class RestakingSiloBuilder
{
    /// <summary>Grain storage for run checkpoints: in memory on the embedded silo, Redis on a cluster.</summary>
    public const string CheckpointStorage = Grains.Checkpoints.CheckpointOptions.Storage;

    /// <param name="kinds">Service kinds (default: bridge, oracle, DA layer); plug-ins register theirs here.</param>
    /// <param name="transport">How cascade batches travel between grains (default: <see cref="CascadeTransportOptions.DefaultTransport"/>).</param>
    /// <param name="checkpoints">Checkpoint runs at tick barriers into the <see cref="CheckpointStorage"/> grain storage
    /// (which the caller registers), so that a run survives the death of a silo.</param>
    public static ISiloBuilder AddRestaking(this ISiloBuilder silo, ServiceKindCatalog? kinds = null, CascadeTransport transport = CascadeTransportOptions.DefaultTransport,
        bool checkpoints = false)
    {
        silo.Services.Configure<Grains.Checkpoints.CheckpointOptions>(o => o.Enabled = checkpoints);
        silo.AddMemoryGrainStorage("PubSubStore");
        silo.AddMemoryStreams(RunStreams.Provider);
        silo.Services.Configure<CascadeTransportOptions>(o => o.Transport = transport);
        silo.Services.AddSingleton<CascadeSender>();
        switch (transport)
        {
            case CascadeTransport.BroadcastChannel:
                // The recipient counts its batches against the round report (as over one-way calls), so the publisher
                // need not await each delivery (no response to wait for per batch).
                silo.AddBroadcastChannel(CascadeNames.Provider, o => o.FireAndForgetDelivery = true);
                break;
            case CascadeTransport.MemoryStreams:
                silo.AddMemoryStreams(CascadeNames.Provider, streams =>
                {
                    // A queue grain throws past 16,384 waiting events: spread a big round's batches over 32 queues.
                    streams.ConfigurePartitioning(32);
                    // Every round waits for its deliveries, so the 100 ms default poll would cost up to 100 ms a round;
                    // a popular recipient (the adversary, a big service) gets a batch from each sender: deliver up to 64 per call.
                    streams.ConfigurePullingAgent(o => o.Configure(a =>
                    {
                        a.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(5);
                        a.BatchContainerBatchSize = 64;
                    }));
                    // Entity streams are only ever subscribed implicitly: no pub-sub rendezvous grain per stream.
                    streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
                    // Delivered batches need not stay cached for rewinds (the default keeps them 5 to 30 minutes).
                    streams.ConfigureCacheEviction(o => o.Configure(e =>
                    {
                        e.DataMinTimeInCache = TimeSpan.FromSeconds(5);
                        e.DataMaxAgeInCache = TimeSpan.FromSeconds(10);
                        e.MetadataMinTimeInCache = TimeSpan.FromSeconds(10);
                    }));
                });
                break;
        }
        var catalog = kinds ?? Restaking.ServiceKinds.BuiltInKinds.Catalog();
        silo.Services.AddSingleton(catalog);
        // A plug-in's own grain class lives in an assembly loaded at run time (PluginLoader), which Orleans' start-up
        // scan of referenced assemblies does not see: its generated manifest (serializers and grain classes) is added here.
        foreach (var assembly in catalog.GrainAssemblies)
            if (System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(assembly) != System.Runtime.Loader.AssemblyLoadContext.Default)
                silo.Services.AddSerializer(s => s.AddAssembly(assembly));
        silo.Services.AddSingleton<RunWorlds>();
        silo.Services.AddSingleton<BenchCounter>();
        return silo;
    }
}
