using Restaking.Domain.Services;

namespace Restaking.Grains.Services;

/// <summary>
/// Service kinds by name (docs/architecture.md, "Service kinds are plug-ins"): each kind is a Domain behaviour (when and
/// how much it slashes, its value at risk, its attack threshold) plus the grain class that hosts it. A scenario's
/// <c>"kind"</c> picks both. Bridge, oracle and DA layer register here exactly as a third-party kind would:
/// the SDK's <c>KindCatalogs.Register</c> adapts a <c>Restaking.Sdk.ServiceKind</c> and registers it with its grain class (its own,
/// or <see cref="PluginServiceGrain"/>). Built-in kinds (Restaking.ServiceKinds) and loaded plug-ins take that same path.
/// </summary>
public sealed class ServiceKindCatalog
{
    private readonly Dictionary<string, Type> grainClasses = new(StringComparer.Ordinal);

    public ServiceKindRegistry Behaviours { get; } = new();

    /// <summary>Registers a kind: its behaviour and the grain class (a <see cref="ServiceGrain"/>) that runs it.</summary>
    public ServiceKindCatalog Register<TGrain>(ServiceBehaviour behaviour) where TGrain : ServiceGrain => Register(behaviour, typeof(TGrain));

    /// <summary>Registers a kind with the grain class (a concrete <see cref="ServiceGrain"/>) that runs it.</summary>
    public ServiceKindCatalog Register(ServiceBehaviour behaviour, Type grainClass)
    {
        if (!typeof(ServiceGrain).IsAssignableFrom(grainClass) || grainClass.IsAbstract)
            throw new ArgumentException($"{grainClass.FullName} is not a concrete ServiceGrain", nameof(grainClass));
        Behaviours.Register(behaviour);
        grainClasses[behaviour.Kind] = grainClass;
        return this;
    }

    /// <summary>The assemblies of the kinds' own grain classes (a silo registers them with Orleans).</summary>
    public IEnumerable<System.Reflection.Assembly> GrainAssemblies => grainClasses.Values.Select(t => t.Assembly).Distinct();

    public IReadOnlySet<string> Names => Behaviours.Names;

    /// <summary>The grain class name used to address a service of this kind.</summary>
    public string GrainClassOf(string kind) => GrainTypeOf(kind).FullName!;

    /// <summary>The grain class that hosts a service of this kind.</summary>
    public Type GrainTypeOf(string kind) =>
        grainClasses.TryGetValue(kind, out var type) ? type : throw new KeyNotFoundException($"unknown service kind '{kind}'");
}
