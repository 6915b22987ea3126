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
    /// <summary>Awaited grain calls through the hop-named methods (ApplySlashing, OnOperatorStakeChanged, …).</summary>
    Calls,

    /// <summary>The same methods, one-way (<see cref="ICascadeEntityInbox"/>): no response per batch.</summary>
    OneWayCalls,

    /// <summary>The broadcast channel (implicit subscription per grain class, delivery awaited by the publisher).</summary>
    BroadcastChannel,

    /// <summary>Memory streams (implicit subscription per grain class, delivered by pulling agents).</summary>
    MemoryStreams,
}

/// <summary>Silo option: the cascade transport.</summary>
public sealed class CascadeTransportOptions
{
    /// <summary>
    /// The broadcast channel: cascade hops travel as stream messages (the requirement), and of the two stream
    /// transports it is the faster by far. It costs speed (restaking bench, 2 cores, bench-cascade.json, medians of 5:
    /// one-way calls 4.3 s, awaited calls 5.6 s, channel 11.0 s, memory streams 27.1 s).
    /// </summary>
    public const CascadeTransport DefaultTransport = CascadeTransport.BroadcastChannel;

    public CascadeTransport Transport { get; set; } = DefaultTransport;
}

/// <summary>
/// Names of the cascade's stream and channel: provider <see cref="Provider"/>, one namespace per grain class (a
/// grain class subscribes implicitly to its own namespace, so a service's batch activates the one class hosting its
/// kind, not every service class), key = the grain key. A grain class that receives cascades carries
/// <c>[ImplicitStreamSubscription(CascadeNames.Prefix + nameof(X))]</c> and the same
/// <c>[ImplicitChannelSubscription]</c>; <see cref="CascadeEntityGrain"/> checks this on activation.
/// </summary>
public static class CascadeNames
{
    public const string Provider = "cascade";
    public const string Prefix = "cascade/";

    public static string NamespaceOf(Type grainClass) => Prefix + grainClass.Name;
}

/// <summary>Sends cascade batches over the silo's configured transport (one per silo).</summary>
public sealed class CascadeSender(IOptions<CascadeTransportOptions> options, IServiceProvider services)
{
    private readonly Lazy<IBroadcastChannelProvider> channels = new(() => services.GetRequiredKeyedService<IBroadcastChannelProvider>(CascadeNames.Provider));
    private readonly Lazy<IStreamProvider> streams = new(() => services.GetRequiredKeyedService<IStreamProvider>(CascadeNames.Provider));

    public CascadeTransport Transport { get; } = options.Value.Transport;

    /// <summary>Calls carry one batch per (recipient, hop), through the hop's method; the stream transports one
    /// batch per recipient and step, whatever its hops.</summary>
    public bool PerHop => Transport is CascadeTransport.Calls or CascadeTransport.OneWayCalls;

    /// <summary>Completes once the batch is delivered (calls, channel), queued (memory streams) or sent (one-way).</summary>
    public Task Send(IGrainFactory grains, RunWorld run, EntityRef to, CascadeHop hop, CascadeBatch batch)
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
            case CascadeTransport.OneWayCalls:
                return RunGrains.Inbox(grains, run, to).Send(hop, batch);
            default:
                return RunGrains.Entity(grains, run, to).Send(hop, batch);
        }
    }
}
