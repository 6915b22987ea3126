using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.EigenLayer;
using Restaking.Domain.Rewards;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Symbiotic;
using Restaking.Domain.Units;

namespace Restaking.Domain.Operators;

/// <summary>
/// An operator: the stake delegated to it (per asset: operator shares and the deposit shares they stand for),
/// its magnitudes, and the services it secures. It applies slashing requests under the scenario's security model
/// and tells everyone whose numbers depend on its stake.
/// </summary>
public sealed partial class OperatorState : ICascadeParticipant
{
    private readonly int[] assets;
    private readonly long[] shares;
    private readonly long[] deposits;
    private readonly long[] prices;
    private readonly Magnitudes magnitudes;
    private readonly long[] networkLimits;
    private readonly EntityRef[] stakeListeners;

    public OperatorState(int index, string id, SecurityModel model, int[] services, long[] allocationWads,
        IReadOnlyList<AssetPool> pools, IReadOnlyList<long> assetPrices, EntityRef[] stakeListeners, RewardTerms? rewardTerms = null)
    {
        Index = index;
        Id = id;
        Model = model;
        Services = services;
        magnitudes = new Magnitudes(allocationWads);
        assets = pools.Select(p => p.Asset).ToArray();
        shares = pools.Select(p => p.Shares).ToArray();
        deposits = pools.Select(p => p.Deposits).ToArray();
        prices = pools.Select(p => assetPrices[p.Asset]).ToArray();
        this.stakeListeners = stakeListeners;
        ValueGwei = ComputeValue();
        // Symbiotic network restake: the curator's network limits, here the allocations of the collateral at tick 0 (fixed in ETH).
        networkLimits = allocationWads.Select(a => Wad.Mul(ValueGwei, a, Rounding.Down)).ToArray();
        // Without terms (a bare operator in a test) nothing accrues.
        Rewards = new OperatorRewardAccrual(rewardTerms?.BaseAprWad ?? 0, services.Select(s => rewardTerms?.ServiceAprWads[s] ?? 0).ToArray(),
            pools.Count, rewardTerms?.TickSeconds ?? 1);
    }

    /// <summary>Gross rewards of this operator's pools so far (accrued up to <see cref="OperatorRewardAccrual.AccruedToTick"/>).</summary>
    public OperatorRewardAccrual Rewards { get; }

    /// <summary>Accrues rewards up to <paramref name="tick"/> at the current stake: before every change, and at the end of the run.</summary>
    public void AccrueRewardsTo(int tick) =>
        Rewards.AccrueTo(tick, Enumerable.Range(0, shares.Length).Select(PoolValue).ToArray(), ValueGwei, SecuringStake);

    public int Index { get; }
    public string Id { get; }
    public SecurityModel Model { get; }
    /// <summary>Services this operator secures, sorted by index.</summary>
    public int[] Services { get; }
    /// <summary>Stake value in ETH gwei at the prices last heard of.</summary>
    public long ValueGwei { get; private set; }
    public long MaxMagnitude => magnitudes.MaxMagnitude;
    public bool EverSlashed { get; private set; }

    public IReadOnlyList<AssetPool> Pools => assets.Select((a, i) => new AssetPool(a, shares[i], deposits[i])).ToList();

    public long Allocation(int serviceIndex) => magnitudes.Allocation(Array.BinarySearch(Services, serviceIndex));

    /// <summary>
    /// The stake that backs one service. Pooled and Symbiotic full restake: all of it. Unique stake: value × allocation /
    /// maxMagnitude — the share of the operator's slashable stake allocated to that operator set (ELIP-002). Symbiotic
    /// network restake: min(active, networkLimit) × operatorShares / totalShares, with one operator per vault
    /// (symbioticfi/core NetworkRestakeDelegator._stake).
    /// </summary>
    public long SecuringStake(int slot) => Model switch
    {
        _ when vaultSecuring is not null => vaultSecuring[slot],   // a shared vault's delegator (OperatorState.Vault.cs)
        SecurityModel.Pooled or SecurityModel.SymbioticFullRestake => ValueGwei,
        SecurityModel.SymbioticNetworkRestake => NetworkRestakeDelegator.Share(1, 1, ValueGwei, networkLimits[slot]),
        _ => magnitudes.MaxMagnitude == 0 ? 0 : Wad.MulDiv(ValueGwei, magnitudes.Allocation(slot), magnitudes.MaxMagnitude, Rounding.Down),
    };

    public IReadOnlyList<SecuringStake> Securing() => Services.Select((s, slot) => new SecuringStake(s, SecuringStake(slot))).ToList();

    public void Handle(IReadOnlyList<Envelope> inbox, CascadeContext context)
    {
        // Ticks before this one earned at the stake as it was; what happens now counts from this tick on.
        AccrueRewardsTo(context.Tick);
        if (vault is { } shared)
        {
            HandleAsVaultMember(shared, inbox, context);
            return;
        }
        long before = ValueGwei;
        long magnitudeBefore = magnitudes.MaxMagnitude;
        CascadeMessage? first = null;
        foreach (var envelope in inbox)
        {
            bool changed = envelope.Message switch
            {
                SlashingRequest r => ApplySlashing(r, context),
                ValidatorPenalty p => ApplyValidatorPenalty(p, context),
                TokenPriceChanged t => OnTokenPriceChanged(t),
                _ => throw new InvalidOperationException($"operator cannot handle {envelope.Message.GetType().Name}"),
            };
            if (changed) first ??= envelope.Message;
        }
        if (first is null || (ValueGwei == before && magnitudes.MaxMagnitude == magnitudeBefore)) return;

        var notice = new OperatorStakeChanged(Index, ValueGwei, Securing(), Pools, first.Cause, first.Depth + 1);
        foreach (var listener in stakeListeners) context.Send(listener, notice);
    }

    private bool ApplySlashing(SlashingRequest request, CascadeContext context)
    {
        int slot = Array.BinarySearch(Services, request.Service);
        if (slot < 0) return false;   // not an operator of that service
        return Model is SecurityModel.SymbioticFullRestake or SecurityModel.SymbioticNetworkRestake
            ? ApplyVaultSlash(request, slot, context)
            : ApplyMagnitudeSlash(request, slot, context);
    }

    private bool ApplyMagnitudeSlash(SlashingRequest request, int slot, CascadeContext context)
    {
        if (magnitudes.MaxMagnitude == 0) return false;   // nothing left
        long wads = request.WadsToSlash;
        if (request.AmountGwei is { } amount)
        {
            // An absolute amount (a veto slasher's): slashOperator takes a share, so the share of the stake securing the
            // service that the amount is, rounded down (never more than asked), at most all of it.
            long stake = SecuringStake(slot);
            if (stake == 0) return false;
            if (amount < stake) wads = Math.Min(wads, Wad.MulDiv(amount, Wad.One, stake, Rounding.Down));
            if (wads == 0) return false;
        }
        var slash = Model == SecurityModel.Pooled
            ? magnitudes.SlashWhole(wads)
            : magnitudes.SlashAllocation(slot, wads);
        for (int i = 0; i < shares.Length; i++) shares[i] = slash.SharesAfter(shares[i]);
        long before = ValueGwei;
        ValueGwei = ComputeValue();
        if (slash.SlashedMagnitude == 0) return false;
        EverSlashed = true;
        context.Record(CascadeEventKind.Slash, EntityRef.Service(request.Service), context.Self, before - ValueGwei, request.Reason,
            request.Cause, request.Depth, request.Detail($"wads={wads};max_magnitude={slash.NewMax}"));
        return true;
    }

    /// <summary>
    /// Symbiotic slashes absolute amounts: the network asks for wadsToSlash of the stake it sees (its slasher caps the
    /// amount at that stake, Slasher.slash), and the vault takes it from its collateral pro rata (Vault.onSlash; there are
    /// no pending withdrawals in this world). The operator's pools keep ceil(shares × (value − amount) / value), so the
    /// amount taken rounds down as EigenLayer's does.
    /// </summary>
    private bool ApplyVaultSlash(SlashingRequest request, int slot, CascadeContext context)
    {
        long value = ValueGwei;
        long amount = request.Capped(Wad.Mul(SecuringStake(slot), request.WadsToSlash, Rounding.Down));
        if (amount == 0 || value == 0) return false;
        PoolMath.Scale(shares, value - amount, value);
        ValueGwei = ComputeValue();
        EverSlashed = true;
        context.Record(CascadeEventKind.Slash, EntityRef.Service(request.Service), context.Self, value - ValueGwei, request.Reason,
            request.Cause, request.Depth, request.Detail($"wads={request.WadsToSlash};amount_gwei={amount}"));
        return true;
    }

    /// <summary>Consensus-layer penalties on natively restaked validators lower the ETH pool (EigenLayer's
    /// beacon-chain slashing factor); deposit shares are untouched, so every native staker loses pro rata.</summary>
    private bool ApplyValidatorPenalty(ValidatorPenalty penalty, CascadeContext context)
    {
        int i = Array.IndexOf(assets, WorldSpec.EthAsset);
        if (i < 0) return false;
        if (PoolMath.TakePenalty(shares, i, penalty.AmountGwei) == 0) return false;
        long before = ValueGwei;
        ValueGwei = ComputeValue();
        EverSlashed = true;
        context.Record(CascadeEventKind.Penalty, EntityRef.BaseChain, context.Self, before - ValueGwei, SlashReason.BaseChain, penalty.Cause, penalty.Depth,
            "validator_group=" + penalty.ValidatorGroup);
        return true;
    }

    private bool OnTokenPriceChanged(TokenPriceChanged change)
    {
        int i = Array.IndexOf(assets, change.Token + 1);
        if (i < 0 || prices[i] == change.PriceWad) return false;
        prices[i] = change.PriceWad;
        ValueGwei = ComputeValue();
        return true;
    }

    private long ComputeValue() => PoolMath.Value(shares, prices);

    private long PoolValue(int i) => Wad.Mul(shares[i], prices[i], Rounding.Down);

    public string CheckpointKind => "operator";
    public string CheckpointId => Id;

    /// <summary>Magnitudes, operator shares and asset prices per pool, whether ever slashed. Deposit shares never change
    /// here; the value is recomputed from shares and prices, as every handler does.</summary>
    public void SaveState(CheckpointWriter writer)
    {
        magnitudes.SaveState(writer);
        writer.WriteLongs(shares);
        writer.WriteLongs(prices);
        writer.WriteBool(EverSlashed);
        Rewards.SaveState(writer);
        SaveVaultState(writer);
    }

    public void RestoreState(CheckpointReader reader)
    {
        magnitudes.RestoreState(reader);
        reader.ReadInto(shares, $"pools at operator {Id}");
        reader.ReadInto(prices, $"asset prices at operator {Id}");
        EverSlashed = reader.ReadBool();
        Rewards.RestoreState(reader, $"operator {Id}");
        RestoreVaultState(reader);
        ValueGwei = ComputeValue();
    }

    /// <summary>The operator when the run ends at <paramref name="endTick"/>: rewards accrued to the end (idempotent).</summary>
    public Engine.FinalOperator Final(int endTick)
    {
        AccrueRewardsTo(endTick);
        return new Engine.FinalOperator(EverSlashed, Pools, Rewards.BaseGwei.ToArray(), Rewards.ServiceGwei.ToArray(), Rewards.PaidByServiceGwei.ToArray());
    }

    /// <summary>Operator shares per asset, for conservation checks.</summary>
    public long SharesOf(int asset)
    {
        int i = Array.IndexOf(assets, asset);
        return i < 0 ? 0 : shares[i];
    }
}
