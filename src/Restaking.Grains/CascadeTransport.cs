using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.BroadcastChannel;
using Orleans.Streams;
using Restaking.Contracts;
using Restaking.Domain.Cascade;
using Restaking.Grains.Runs;

namespace Restaking.Grains;

/// <summary>How cascade batches travel between entity grains. The simulation is the same over each.</summary>
public enum CascadeTransport
{
    /// <summary>One-way grain calls to <see cref="ICascadeEntityInbox.Deliver"/>: no response per batch.</summary>
    OneWayCalls,

    /// <summary>The broadcast channel (implicit subscription per grain class, fire-and-forget delivery).</summary>
    BroadcastChannel,

    /// <summary>Memory streams (implicit subscription per grain class, delivered by pulling agents).</summary>
    MemoryStreams,
}

/// <summary>Silo option: the cascade transport.</summary>
public sealed class CascadeTransportOptions
{
    /// <summary>
    /// One-way grain calls, chosen by measurement (restaking bench, bench-cascade.json, 2 shared cores, medians of 5;
    /// docs/benchmarks.md, "Cascade transports, measured"): they are the fastest of the three (about 2× the broadcast
    /// channel and 6× memory streams) and the only ones above half the raw messaging ceiling. The stream transports stay
    /// selectable and give the same outputs.
    /// </summary>
    public const CascadeTransport DefaultTransport = CascadeTransport.OneWayCalls;

    public CascadeTransport Transport { get; set; } = DefaultTransport;
}

/// <summary>
/// Names of the cascade's stream and channel: provider <see cref="Provider"/>, one namespace per grain class, named by
/// its full type name (a grain class subscribes implicitly to its own namespace, so a service's batch activates the one
/// class hosting its kind, not every service class; two plug-ins may both call their class SequencerGrain), key = the
/// grain key. A grain class that receives cascades carries <c>[ImplicitStreamSubscription("cascade/Its.Full.Name")]</c>
/// and the same <c>[ImplicitChannelSubscription]</c>; <see cref="CascadeEntityGrain"/> checks this on activation.
/// </summary>
public static class CascadeNames
{
    public const string Provider = "cascade";
    public const string Prefix = "cascade/";

    public static string NamespaceOf(Type grainClass) => Prefix + grainClass.FullName;
}

/// <summary>Sends cascade batches over the silo's configured transport (one per silo).</summary>
public sealed class CascadeSender(IOptions<CascadeTransportOptions> options, IServiceProvider services)
{
    private readonly Lazy<IBroadcastChannelProvider> channels = new(() => services.GetRequiredKeyedService<IBroadcastChannelProvider>(CascadeNames.Provider));
    private readonly Lazy<IStreamProvider> streams = new(() => services.GetRequiredKeyedService<IStreamProvider>(CascadeNames.Provider));

    public CascadeTransport Transport { get; } = options.Value.Transport;

    /// <summary>Completes once the batch is queued (memory streams) or sent (one-way calls, fire-and-forget channel):
    /// the recipient counts arrivals against <see cref="RoundOrder.ExpectedBatches"/>.</summary>
    public Task Send(IGrainFactory grains, RunWorld run, EntityRef to, CascadeBatch batch)
    {
        switch (Transport)
        {
            case CascadeTransport.BroadcastChannel:
            {
                var (ns, key) = RunGrains.Address(run, to);
                return channels.Value.GetChannelWriter<CascadeBatch>(ChannelId.Create(ns, key)).Publish(batch);
            }
            case CascadeTransport.MemoryStreams:
            {
                var (ns, key) = RunGrains.Address(run, to);
                return streams.Value.GetStream<CascadeBatch>(StreamId.Create(ns, key)).OnNextAsync(batch);
            }
            default:
                return RunGrains.Inbox(grains, run, to).Deliver(batch);
        }
    }
}
