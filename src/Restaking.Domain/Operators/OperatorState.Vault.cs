using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Scenarios;

namespace Restaking.Domain.Operators;

/// <summary>
/// An operator whose delegated collateral sits in a Symbiotic vault shared with other operators
/// (<see cref="Symbiotic.SymbioticVaultState"/>): the vault owns the collateral, so the operator forwards the slashes
/// and penalties that reach it, adopts the pools and per-network stakes the vault answers with, and tells its
/// listeners, as it does for its own slashes otherwise.
/// </summary>
public sealed partial class OperatorState
{
    private EntityRef? vault;
    /// <summary>Its stake per service (in <see cref="Services"/> order) as the vault's delegator last computed it.</summary>
    private long[]? vaultSecuring;
    /// <summary>Per pool, its stakers' vault withdrawals, pending or claimed (the part of the vault's pool outside its stake).</summary>
    private long[]? vaultClaims;

    private long VaultClaim(int pool) => vaultClaims?[pool] ?? 0;

    /// <summary>The shared vault holding this operator's collateral, if any.</summary>
    public EntityRef? SharedVault => vault;

    /// <summary>Puts the operator into a shared vault (World.Build, at tick 0) with the stakes the delegator gives it.</summary>
    public void JoinVault(EntityRef sharedVault, long[] securing)
    {
        if (securing.Length != Services.Length)
            throw new ArgumentException($"operator {Id} secures {Services.Length} services, the vault gave {securing.Length} stakes", nameof(securing));
        vault = sharedVault;
        vaultSecuring = securing;
        vaultClaims = new long[assets.Length];
    }

    private void HandleAsVaultMember(EntityRef shared, IReadOnlyList<Envelope> inbox, CascadeContext context)
    {
        OperatorStakeChanged? update = null;
        foreach (var envelope in inbox)
        {
            switch (envelope.Message)
            {
                case SlashingRequest r:
                    if (Array.BinarySearch(Services, r.Service) >= 0) context.Send(shared, r with { Depth = r.Depth + 1 });
                    break;
                case ValidatorPenalty p:
                    if (Array.IndexOf(assets, WorldSpec.EthAsset) >= 0) context.Send(shared, p with { Depth = p.Depth + 1 });
                    break;
                case TokenPriceChanged t:
                    // The vault holds the same assets: it hears the price too and answers with the stakes it moves.
                    OnTokenPriceChanged(t);
                    break;
                case OperatorStakeChanged c when envelope.From == shared && c.Operator == Index:
                    AdoptVaultState(c);
                    update ??= c;
                    break;
                default:
                    throw new InvalidOperationException($"operator {Id} (in a vault) cannot handle {envelope.Message.GetType().Name} from {envelope.From.Kind} {envelope.From.Index}");
            }
        }
        if (update is null) return;
        var notice = new OperatorStakeChanged(Index, ValueGwei, Securing(), Pools, update.Cause, update.Depth + 1);
        foreach (var listener in stakeListeners) context.Send(listener, notice);
    }

    /// <summary>The vault's pools replace this operator's (the stake is the pool less what its stakers withdrew; it falls
    /// without loss when they withdraw, so only a fall of the stakers' total means they were hit), and its stakes replace
    /// the last ones. The value is recomputed at this operator's prices.</summary>
    private void AdoptVaultState(OperatorStakeChanged update)
    {
        foreach (var pool in update.Pools)
        {
            int i = Array.IndexOf(assets, pool.Asset);
            if (pool.Shares < shares[i] + vaultClaims![i]) EverSlashed = true;
            shares[i] = pool.Shares - pool.Withdrawn;
            vaultClaims[i] = pool.Withdrawn;
        }
        for (int slot = 0; slot < Services.Length; slot++)
        {
            var edge = update.Securing[slot];
            if (edge.Service != Services[slot]) throw new InvalidOperationException($"vault stakes for operator {Id} are not in its services' order");
            vaultSecuring![slot] = edge.StakeGwei;
        }
        ValueGwei = ComputeValue();
    }

    private void SaveVaultState(CheckpointWriter writer)
    {
        if (vaultSecuring is null) return;
        writer.WriteLongs(vaultSecuring);
        writer.WriteLongs(vaultClaims!);
    }

    private void RestoreVaultState(CheckpointReader reader)
    {
        if (vaultSecuring is null) return;
        reader.ReadInto(vaultSecuring, $"vault stakes of operator {Id}");
        reader.ReadInto(vaultClaims!, $"vault withdrawals of operator {Id}");
    }
}
