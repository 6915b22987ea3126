using Restaking.Domain.Cascade;
using Restaking.Domain.Services;
using Restaking.Grains.Runs;

namespace Restaking.Grains.Services;

/// <summary>
/// The base of every service grain: it hosts a <see cref="ServiceState"/> whose kind behaviour (from the scenario's
/// <c>"kind"</c>, through <see cref="ServiceKindCatalog"/>) decides slashes and attack thresholds. A kind gets its
/// own grain class so the dashboard shows each kind's traffic apart; new kinds derive from this class and, like the
/// kinds below, subscribe to their own cascade namespace (<see cref="CascadeNames"/>).
/// </summary>
public abstract class ServiceGrain(RunWorlds worlds) : CascadeEntityGrain(worlds)
{
    protected ServiceState State => (ServiceState)Entity;

    protected override EntityKind Kind => EntityKind.Service;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        // From the scenario, not the entity: a reactivated entity is not usable until the run restores it.
        var profile = Run.Spec.Services[Self.Index];
        var kind = Run.Kinds.GrainClassOf(profile.Kind);
        if (kind != GetType().FullName)
            throw new InvalidOperationException($"service '{profile.Id}' is of kind '{profile.Kind}', hosted by {kind}, not {GetType().FullName}");
    }
}

/// <summary>Hosts a service of any kind without a grain class of its own (a plug-in that references only the SDK).</summary>
[ImplicitStreamSubscription(CascadeNames.Prefix + "Restaking.Grains.Services.PluginServiceGrain"), ImplicitChannelSubscription(CascadeNames.Prefix + "Restaking.Grains.Services.PluginServiceGrain")]
public sealed class PluginServiceGrain(RunWorlds worlds) : ServiceGrain(worlds);

/// <summary>A bridge: its value at risk is what it holds; a drain depegs the tokens it wraps.</summary>
[ImplicitStreamSubscription(CascadeNames.Prefix + "Restaking.Grains.Services.BridgeGrain"), ImplicitChannelSubscription(CascadeNames.Prefix + "Restaking.Grains.Services.BridgeGrain")]
public sealed class BridgeGrain(RunWorlds worlds) : ServiceGrain(worlds);

/// <summary>A price oracle.</summary>
[ImplicitStreamSubscription(CascadeNames.Prefix + "Restaking.Grains.Services.OracleGrain"), ImplicitChannelSubscription(CascadeNames.Prefix + "Restaking.Grains.Services.OracleGrain")]
public sealed class OracleGrain(RunWorlds worlds) : ServiceGrain(worlds);

/// <summary>A data-availability layer.</summary>
[ImplicitStreamSubscription(CascadeNames.Prefix + "Restaking.Grains.Services.DataAvailabilityLayerGrain"), ImplicitChannelSubscription(CascadeNames.Prefix + "Restaking.Grains.Services.DataAvailabilityLayerGrain")]
public sealed class DataAvailabilityLayerGrain(RunWorlds worlds) : ServiceGrain(worlds);
