using Restaking.Domain.Services;

namespace Restaking.Grains.Services;

/// <summary>
/// Service kinds by name (docs/architecture.md, "Service kinds are plug-ins"): each kind is a Domain behaviour (when and
/// how much it slashes, its value at risk, its attack threshold) plus the grain class that hosts it. A scenario's
/// <c>"kind"</c> picks both. Bridge, oracle and DA layer register here exactly as a third-party kind would:
/// <code>catalog.Register&lt;SequencerGrain&gt;(new SequencerBehaviour());</code>
/// </summary>
public sealed class ServiceKindCatalog
{
    private readonly Dictionary<string, Type> grainClasses = new(StringComparer.Ordinal);

    public ServiceKindRegistry Behaviours { get; } = new();

    public static ServiceKindCatalog CreateDefault() =>
        new ServiceKindCatalog()
            .Register<BridgeGrain>(new BridgeBehaviour())
            .Register<OracleGrain>(new OracleBehaviour())
            .Register<DataAvailabilityLayerGrain>(new DataAvailabilityBehaviour());

    /// <summary>Registers a kind: its behaviour and the grain class (a <see cref="ServiceGrain"/>) that runs it.</summary>
    public ServiceKindCatalog Register<TGrain>(ServiceBehaviour behaviour) where TGrain : ServiceGrain
    {
        Behaviours.Register(behaviour);
        grainClasses[behaviour.Kind] = typeof(TGrain);
        return this;
    }

    public IReadOnlySet<string> Names => Behaviours.Names;

    /// <summary>The grain class name used to address a service of this kind.</summary>
    public string GrainClassOf(string kind) => GrainTypeOf(kind).FullName!;

    /// <summary>The grain class that hosts a service of this kind.</summary>
    public Type GrainTypeOf(string kind) =>
        grainClasses.TryGetValue(kind, out var type) ? type : throw new KeyNotFoundException($"unknown service kind '{kind}'");
}
