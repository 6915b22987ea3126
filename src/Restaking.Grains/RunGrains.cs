using Restaking.Contracts;
using Restaking.Domain.Cascade;
using Restaking.Grains.Runs;

namespace Restaking.Grains;

/// <summary>Which grain an entity of a run is: key "{runId}/{scenario id}", type by entity kind (and service kind).</summary>
public static class RunGrains
{
    public static ICascadeEntityGrain Entity(IGrainFactory grains, RunWorld run, EntityRef entity)
    {
        string key = GrainKeys.Of(run.RunId, run.World.NameOf(entity));
        return entity.Kind switch
        {
            EntityKind.Operator => grains.GetGrain<IOperatorGrain>(key),
            EntityKind.Service => grains.GetGrain<IServiceGrain>(key, run.Kinds.GrainClassOf(run.Spec.Services[entity.Index].Kind)),
            EntityKind.Token => grains.GetGrain<ITokenGrain>(key),
            EntityKind.BaseChain => grains.GetGrain<IBaseChainGrain>(key),
            EntityKind.Adversary => grains.GetGrain<IAdversaryGrain>(key),
            _ => throw new ArgumentOutOfRangeException(nameof(entity), $"{entity.Kind} is not a grain"),
        };
    }
}
