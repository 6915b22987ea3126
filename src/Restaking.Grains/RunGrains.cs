using Restaking.Contracts;
using Restaking.Domain.Cascade;
using Restaking.Grains.Runs;
using Restaking.Grains.Services;

namespace Restaking.Grains;

/// <summary>Which grain an entity of a run is: key "{runId}/{scenario id}", type by entity kind (and service kind).</summary>
public static class RunGrains
{
    public static ICascadeEntityGrain Entity(IGrainFactory grains, RunWorld run, EntityRef entity) =>
        run.GrainRefs.GetOrAdd(entity, static (e, a) => Create(a.grains, a.run, e), (grains, run));

    private static ICascadeEntityGrain Create(IGrainFactory grains, RunWorld run, EntityRef entity)
    {
        string key = GrainKeys.Of(run.RunId, run.World.NameOf(entity));
        return entity.Kind switch
        {
            EntityKind.Operator => grains.GetGrain<IOperatorGrain>(key),
            EntityKind.Service => grains.GetGrain<IServiceGrain>(key, run.Kinds.GrainClassOf(run.Spec.Services[entity.Index].Kind)),
            EntityKind.Token => grains.GetGrain<ITokenGrain>(key),
            EntityKind.BaseChain => grains.GetGrain<IBaseChainGrain>(key),
            EntityKind.LendingMarket => grains.GetGrain<ILendingMarketGrain>(key),
            EntityKind.Adversary => grains.GetGrain<IAdversaryGrain>(key),
            EntityKind.Vault => grains.GetGrain<IVaultGrain>(key),
            _ => throw new ArgumentOutOfRangeException(nameof(entity), $"{entity.Kind} is not a grain"),
        };
    }

    /// <summary>The same grain, through its one-way hop methods.</summary>
    public static ICascadeEntityInbox Inbox(IGrainFactory grains, RunWorld run, EntityRef entity) =>
        run.InboxRefs.GetOrAdd(entity, static (e, a) =>
            a.grains.GetGrain<ICascadeEntityInbox>(GrainKeys.Of(a.run.RunId, a.run.World.NameOf(e)), ClassOf(a.run, e).FullName), (grains, run));

    /// <summary>The entity's stream or channel: its grain class's namespace (<see cref="CascadeNames"/>) and its key.</summary>
    public static (string Namespace, string Key) Address(RunWorld run, EntityRef entity) =>
        run.Addresses.GetOrAdd(entity, static (e, r) => (CascadeNames.NamespaceOf(ClassOf(r, e)), GrainKeys.Of(r.RunId, r.World.NameOf(e))), run);

    private static Type ClassOf(RunWorld run, EntityRef entity) => entity.Kind switch
    {
        EntityKind.Operator => typeof(OperatorGrain),
        EntityKind.Service => run.Kinds.GrainTypeOf(run.Spec.Services[entity.Index].Kind),
        EntityKind.Token => typeof(TokenGrain),
        EntityKind.BaseChain => typeof(BaseChainGrain),
        EntityKind.LendingMarket => typeof(LendingMarketGrain),
        EntityKind.Adversary => typeof(AdversaryGrain),
        EntityKind.Vault => typeof(VaultGrain),
        _ => throw new ArgumentOutOfRangeException(nameof(entity), $"{entity.Kind} is not a grain"),
    };
}
