namespace Restaking.Domain.Services;

/// <summary>Maps a scenario's <c>"kind"</c> to its behaviour. The built-in kinds register like any plug-in.</summary>
public sealed class ServiceKindRegistry
{
    private readonly Dictionary<string, ServiceBehaviour> kinds = new(StringComparer.Ordinal);

    public static ServiceKindRegistry CreateDefault() =>
        new ServiceKindRegistry()
            .Register(new BridgeBehaviour())
            .Register(new OracleBehaviour())
            .Register(new DataAvailabilityBehaviour());

    public ServiceKindRegistry Register(ServiceBehaviour behaviour)
    {
        if (!kinds.TryAdd(behaviour.Kind, behaviour))
            throw new InvalidOperationException($"service kind '{behaviour.Kind}' is already registered");
        return this;
    }

    public IReadOnlySet<string> Names => kinds.Keys.ToHashSet(StringComparer.Ordinal);

    public ServiceBehaviour Get(string kind) =>
        kinds.TryGetValue(kind, out var b) ? b : throw new KeyNotFoundException($"unknown service kind '{kind}'");
}
