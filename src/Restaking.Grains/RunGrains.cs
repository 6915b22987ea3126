using Restaking.Contracts;
using Restaking.Domain.Cascade;
using Restaking.Domain.Engine;
using Restaking.Grains.Runs;

namespace Restaking.Grains;

/// <summary>Which grain an entity of a run is: key "{runId}/{scenario id}", class by its kind's descriptor
/// (<see cref="EntityKindDescriptor.GrainClass"/>; a service: its service kind's class).</summary>
public static class RunGrains
{
    public static ICascadeEntityGrain Entity(IGrainFactory grains, RunWorld run, EntityRef entity) =>
        run.GrainRefs.GetOrAdd(entity, static (e, a) =>
            a.grains.GetGrain<ICascadeEntityGrain>(GrainKeys.Of(a.run.RunId, a.run.World.NameOf(e)), ClassOf(a.run, e)), (grains, run));

    /// <summary>The same grain, through its one-way inbox.</summary>
    public static ICascadeEntityInbox Inbox(IGrainFactory grains, RunWorld run, EntityRef entity) =>
        run.InboxRefs.GetOrAdd(entity, static (e, a) =>
            a.grains.GetGrain<ICascadeEntityInbox>(GrainKeys.Of(a.run.RunId, a.run.World.NameOf(e)), ClassOf(a.run, e)), (grains, run));

    /// <summary>The entity's stream or channel: its grain class's namespace (<see cref="CascadeNames"/>) and its key.</summary>
    public static (string Namespace, string Key) Address(RunWorld run, EntityRef entity) =>
        run.Addresses.GetOrAdd(entity, static (e, r) => (CascadeNames.Prefix + ClassOf(r, e), GrainKeys.Of(r.RunId, r.World.NameOf(e))), run);

    /// <summary>The full name of the grain class hosting <paramref name="entity"/>.</summary>
    public static string ClassOf(RunWorld run, EntityRef entity) =>
        EntityKinds.Of(entity.Kind).GrainClass ?? run.Kinds.GrainClassOf(run.Spec.Services[entity.Index].Kind);

    /// <summary>Asks an entity's grain a <see cref="Projection{T}"/>.</summary>
    public static async Task<T> Ask<T>(this ICascadeEntityGrain grain, Projection<T> projection, int argument = 0) =>
        (T)(await grain.Query(projection.Name, argument))!;
}
