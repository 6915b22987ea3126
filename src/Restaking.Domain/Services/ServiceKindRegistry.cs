namespace Restaking.Domain.Services;

/// <summary>Maps a scenario's <c>"kind"</c> to its behaviour, and a plug-in fault type to the kind that registered it.
/// Domain knows no kind: the built-in ones (Restaking.ServiceKinds) and plug-ins are registered by the host alike.</summary>
public sealed class ServiceKindRegistry
{
    private readonly Dictionary<string, ServiceBehaviour> kinds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ServiceBehaviour> faultTypes = new(StringComparer.Ordinal);

    public ServiceKindRegistry Register(ServiceBehaviour behaviour)
    {
        ArgumentNullException.ThrowIfNull(behaviour);
        if (kinds.ContainsKey(behaviour.Kind))
            throw new InvalidOperationException($"service kind '{behaviour.Kind}' is already registered");
        foreach (var type in behaviour.FaultTypes.Keys)
            if (Scenarios.ScenarioJsonNames.FaultTypes.ContainsKey(type) || faultTypes.ContainsKey(type))
                throw new InvalidOperationException($"service kind '{behaviour.Kind}' registers fault type '{type}', which already exists");
        kinds.Add(behaviour.Kind, behaviour);
        foreach (var type in behaviour.FaultTypes.Keys) faultTypes.Add(type, behaviour);
        return this;
    }

    public IReadOnlySet<string> Names => kinds.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>The registered kinds, in registration order.</summary>
    public IEnumerable<ServiceBehaviour> All => kinds.Values;

    public bool TryGet(string kind, out ServiceBehaviour behaviour) => kinds.TryGetValue(kind, out behaviour!);

    public ServiceBehaviour Get(string kind) =>
        kinds.TryGetValue(kind, out var b) ? b : throw new KeyNotFoundException($"unknown service kind '{kind}'");

    /// <summary>The kind that registered fault type <paramref name="type"/>, if any.</summary>
    public ServiceBehaviour? KindOfFault(string type) => faultTypes.GetValueOrDefault(type);

    /// <summary>A registry of names only (kinds with their defaults and nothing else): what a parse given only names sees.</summary>
    internal static ServiceKindRegistry NamesOnly(IReadOnlySet<string> names)
    {
        var registry = new ServiceKindRegistry();
        foreach (var name in names.Order(StringComparer.Ordinal)) registry.Register(new NamedOnly(name));
        return registry;
    }

    private sealed class NamedOnly(string kind) : ServiceBehaviour
    {
        public override string Kind => kind;
        public override long DefaultAttackThresholdWad => Units.Wad.One;
        public override long DefaultSlashFractionWad => 0;
        public override long DefaultLivenessSlashWad => 0;
    }
}
