using System.Globalization;
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
/// and tells everyone whose numbers depend on its stake. EigenLayer's delays: withdrawals its stakers queue stay
/// slashable (<see cref="PoolWithdrawals"/>), and, when it reallocates under unique stake, its allocations follow
/// <see cref="DelayedAllocations"/> instead of the delay-free <see cref="Magnitudes"/>. Listed stakers that deposit during the
/// run or withdraw on their own are cohorts beside each pool's tick-0 stakers (<see cref="StakerCohorts"/>).
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
    private readonly PoolWithdrawals withdrawals;
    private readonly DelayedAllocations? delayed;
    private readonly StakerCohorts cohorts;

    /// <param name="withdrawals">The withdrawal queue over <paramref name="pools"/> (null: mainnet's 14 days on daily ticks).</param>
    /// <param name="delayedAllocations">Unique stake with reallocations: the allocations with their delays (null: <see cref="Magnitudes"/>).</param>
    /// <param name="cohorts">Listed stakers with ticks of their own (null: none); <paramref name="pools"/> hold the other stakers.
    /// A cohort that deposits at tick 0 is delegated here, with k = WAD like the tick-0 stakers.</param>
    public OperatorState(int index, string id, SecurityModel model, int[] services, long[] allocationWads,
        IReadOnlyList<AssetPool> pools, IReadOnlyList<long> assetPrices, EntityRef[] stakeListeners, RewardTerms? rewardTerms = null,
        PoolWithdrawals? withdrawals = null, DelayedAllocations? delayedAllocations = null, StakerCohorts? cohorts = null)
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
        this.withdrawals = withdrawals ?? new PoolWithdrawals(assets, 14);
        if (!this.withdrawals.Assets.SequenceEqual(assets)) throw new ArgumentException("the withdrawal queue must cover the operator's pools, in order", nameof(withdrawals));
        delayed = delayedAllocations;
        this.cohorts = cohorts ?? StakerCohorts.None;
        for (int c = 0; c < this.cohorts.Count; c++)
        {
            if (this.cohorts.DepositTickOf(c) != 0) continue;
            int i = this.cohorts.PoolOf(c);
            this.cohorts.Deposit(c, Wad.One, Wad.Mul(this.cohorts.DepositOf(c), prices[i], Rounding.Down));
            shares[i] = checked(shares[i] + this.cohorts.DepositOf(c));
        }
        ValueGwei = ComputeValue();
        // Symbiotic network restake: the curator's network limits, here the allocations of the collateral at tick 0 (fixed in ETH).
        networkLimits = allocationWads.Select(a => Wad.Mul(ValueGwei, a, Rounding.Down)).ToArray();
        // Without terms (a bare operator in a test) nothing accrues. The holdings that earn: each pool's tick-0 stakers, then each cohort.
        Rewards = new OperatorRewardAccrual(rewardTerms?.BaseAprWad ?? 0, services.Select(s => rewardTerms?.ServiceAprWads[s] ?? 0).ToArray(),
            pools.Count + this.cohorts.Count, rewardTerms?.TickSeconds ?? 1);
    }

    /// <summary>Gross rewards of this operator's pools so far (accrued up to <see cref="OperatorRewardAccrual.AccruedToTick"/>).</summary>
    public OperatorRewardAccrual Rewards { get; }

    /// <summary>Accrues rewards up to <paramref name="tick"/> at the current stake: before every change, and at the end of the run.
    /// The holdings are the pools' tick-0 stakers (<see cref="Pools"/> order) and then the cohorts, each at its delegated value.</summary>
    public void AccrueRewardsTo(int tick) => Rewards.AccrueTo(tick, HoldingValue, ValueGwei, RewardedStake);

    /// <summary>
    /// The stake of a service slot this operator's stakers are paid for: what secures it, at most their own stake. A member of a
    /// shared vault secures with the vault's collateral (under full restake the whole vault, which other members' stakers hold
    /// too); only its own stakers' part is theirs to be paid for — the rest belongs to the other members' stakers, and
    /// Symbiotic's vault-wide staker rewards are not modelled (scenarios/README.md, rewards).
    /// </summary>
    private long RewardedStake(int slot) => Math.Min(SecuringStake(slot), ValueGwei);

    public int Index { get; }
    public string Id { get; }
    public SecurityModel Model { get; }
    /// <summary>Services this operator secures, sorted by index.</summary>
    public int[] Services { get; }
    /// <summary>Stake value in ETH gwei at the prices last heard of.</summary>
    public long ValueGwei { get; private set; }
    public long MaxMagnitude => delayed?.MaxMagnitude ?? magnitudes.MaxMagnitude;
    public bool EverSlashed { get; private set; }

    /// <summary>Per asset, what the pool's tick-0 stakers can withdraw in total — their part of the operator's shares plus their
    /// queued and completed withdrawals (<see cref="PoolWithdrawals.ClaimsOf"/>), or their shared vault's (<see cref="VaultClaim"/>)
    /// — and the deposit shares that stands for. Without cohorts their part is all of the operator's shares.</summary>
    public IReadOnlyList<AssetPool> Pools =>
        assets.Select((a, i) => new AssetPool(a, TickZeroShares(i) + withdrawals.ClaimsOf(i, MaxMagnitude) + VaultClaim(i), deposits[i])).ToList();

    /// <summary>The listed stakers with ticks of their own: what each can withdraw now, in its own pool.</summary>
    public IReadOnlyList<CohortPosition> Cohorts =>
        Enumerable.Range(0, cohorts.Count).Select(c =>
        {
            int i = cohorts.PoolOf(c);
            return cohorts.PositionOf(c, assets[i], shares[i], ScaledShares(i), withdrawals.PendingOf(i, MaxMagnitude, c));
        }).ToList();

    /// <summary>Σ s·k of pool <paramref name="i"/>'s delegated stakers: the tick-0 stakers' remaining deposit shares (k = WAD) and the cohorts'.</summary>
    private Int128 ScaledShares(int i) => withdrawals.RemainingDeposits(i, deposits[i]) + cohorts.ActiveScaled(i);

    /// <summary>The tick-0 stakers' part of pool <paramref name="i"/>'s operator shares (all of them when there are no cohorts).</summary>
    private long TickZeroShares(int i) => cohorts.Count == 0
        ? shares[i]
        : WithdrawableShares.Of(withdrawals.RemainingDeposits(i, deposits[i]), shares[i], ScaledShares(i));

    /// <summary>The magnitude allocated to a service that a slash can reach now.</summary>
    public long Allocation(int serviceIndex) => AllocationAt(Array.BinarySearch(Services, serviceIndex));

    private long AllocationAt(int slot) => delayed?.Slashable(slot) ?? magnitudes.Allocation(slot);

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
        _ => MaxMagnitude == 0 ? 0 : Wad.MulDiv(ValueGwei, AllocationAt(slot), MaxMagnitude, Rounding.Down),
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
        long magnitudeBefore = MaxMagnitude;
        bool allocationsMoved = Mature(context);
        CascadeMessage? first = null;
        foreach (var envelope in inbox)
        {
            bool changed = envelope.Message switch
            {
                SlashingRequest r => ApplySlashing(r, context),
                ValidatorPenalty p => ApplyValidatorPenalty(p, context),
                TokenPriceChanged t => OnTokenPriceChanged(t),
                WithdrawalWave w => QueueWithdrawals(w, context),
                StakerDeposit d => Deposit(d, context),
                StakerWithdrawal w => QueueStakerWithdrawal(w, context),
                Reallocation r => Reallocate(r, context, ref allocationsMoved),
                TickDue => allocationsMoved,   // the wake-up of what matured (Mature, above)
                _ => throw new InvalidOperationException($"operator cannot handle {envelope.Message.GetType().Name}"),
            };
            if (changed) first ??= envelope.Message;
        }
        if (first is null || (ValueGwei == before && MaxMagnitude == magnitudeBefore && !allocationsMoved)) return;

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
        if (MaxMagnitude == 0) return false;   // nothing left
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
            : delayed?.Slash(slot, wads, context.Tick) ?? magnitudes.SlashAllocation(slot, wads);
        for (int i = 0; i < shares.Length; i++) shares[i] = slash.SharesAfter(shares[i]);
        long before = ValueGwei;
        ValueGwei = ComputeValue();
        if (slash.SlashedMagnitude == 0) return false;
        EverSlashed = true;
        context.Record(CascadeEventKind.Slash, EntityRef.Service(request.Service), context.Self, before - ValueGwei, request.Reason,
            request.Cause, request.Depth, request.Detail($"wads={wads};max_magnitude={slash.NewMax}"));
        // The same slash reaches the withdrawals still in their delay (DelegationManager.slashOperatorShares).
        if (withdrawals.Slash(slash, context.Tick) is { } fromQueue)
            RecordQueueLoss(fromQueue, EntityRef.Service(request.Service), request.Reason, request.Cause, request.Depth, context);
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
        var (poolPart, fromQueue) = withdrawals.SplitBeaconChainPenalty(penalty.AmountGwei, shares[i], MaxMagnitude);
        if (fromQueue > 0)
        {
            var lost = new long[assets.Length];
            lost[i] = fromQueue;
            RecordQueueLoss(lost, EntityRef.BaseChain, SlashReason.BaseChain, penalty.Cause, penalty.Depth, context);
        }
        if (PoolMath.TakePenalty(shares, i, poolPart) == 0) return false;
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

    /// <summary>
    /// queueWithdrawals for a withdrawal wave: in each pool of the wave's asset (every pool when none), the stakers queue
    /// the wave's fraction of their deposit shares; the withdrawable shares leave the operator's stake now
    /// (decreaseDelegatedShares), so every service it secures and the adversary see less at once.
    /// </summary>
    private bool QueueWithdrawals(WithdrawalWave wave, CascadeContext context)
    {
        bool any = false;
        for (int i = 0; i < assets.Length; i++)
        {
            if (wave.Asset is { } asset && assets[i] != asset) continue;
            if (withdrawals.Queue(i, wave.FractionWad, shares[i], ScaledShares(i), deposits[i], MaxMagnitude, context.Tick, wave.Cause) is not { } queued) continue;
            shares[i] -= queued.Shares;
            any = true;
            context.Record(CascadeEventKind.WithdrawalQueued, context.Self, context.Self, Wad.Mul(queued.Shares, prices[i], Rounding.Down), null,
                wave.Cause, wave.Depth, string.Create(CultureInfo.InvariantCulture,
                    $"asset={withdrawals.AssetName(i)};deposit_shares={queued.DepositShares};shares={queued.Shares};completes_at_tick={queued.CompletesAtTick}"));
        }
        if (!any) return false;
        ValueGwei = ComputeValue();
        return true;
    }

    /// <summary>
    /// A listed staker's deposit at its tick (StrategyManager.depositIntoStrategy, DelegationManager._increaseDelegation): k is
    /// solved against the pool's slashing factor (<see cref="StakerCohorts.SlashingFactorOf"/>) so the deposit is worth itself,
    /// and the operator's shares — its stake, every service's securing stake — grow by the deposit. Refused when the slashing
    /// factor is 0 (FullySlashed): nothing moves.
    /// </summary>
    private bool Deposit(StakerDeposit deposit, CascadeContext context)
    {
        int c = cohorts.SlotOf(deposit.Staker);
        if (c < 0 || cohorts.StatusOf(c) != CohortStatus.Waiting) return false;
        int i = cohorts.PoolOf(c);
        long d = cohorts.DepositOf(c);
        long value = Wad.Mul(d, prices[i], Rounding.Down);
        long slashingFactor = StakerCohorts.SlashingFactorOf(shares[i], ScaledShares(i), MaxMagnitude);
        if (slashingFactor == 0)
        {
            cohorts.Refuse(c, value);
            context.Record(CascadeEventKind.DepositRejected, context.Self, context.Self, value, null, deposit.Cause, deposit.Depth,
                string.Create(CultureInfo.InvariantCulture, $"asset={withdrawals.AssetName(i)};deposit_shares={d};reason=FullySlashed"));
            return false;
        }
        cohorts.Deposit(c, slashingFactor, value);
        shares[i] = checked(shares[i] + d);
        ValueGwei = ComputeValue();
        context.Record(CascadeEventKind.Deposit, context.Self, context.Self, value, null, deposit.Cause, deposit.Depth,
            string.Create(CultureInfo.InvariantCulture,
                $"asset={withdrawals.AssetName(i)};deposit_shares={d};slashing_factor={Wad.ToDecimalString(slashingFactor)};deposit_scaling_factor={Wad.ToDecimalString(cohorts.ScalingFactorOf(c))}"));
        return true;
    }

    /// <summary>
    /// A listed staker queues the withdrawal of all its shares (queueWithdrawals): what it can withdraw now leaves the operator's
    /// stake at once and waits in the queue, slashable for the withdrawal delay, as a wave's withdrawal does. Nothing happens
    /// when it holds no delegated shares (not deposited, refused).
    /// </summary>
    private bool QueueStakerWithdrawal(StakerWithdrawal request, CascadeContext context)
    {
        int c = cohorts.SlotOf(request.Staker);
        if (c < 0 || cohorts.StatusOf(c) != CohortStatus.Active) return false;
        int i = cohorts.PoolOf(c);
        long w = WithdrawableShares.Of(cohorts.ScaledOf(c), shares[i], ScaledShares(i));
        var queued = withdrawals.QueueForCohort(i, c, w, MaxMagnitude, context.Tick, request.Cause);
        cohorts.Withdraw(c);
        if (queued is null)
        {
            // Nothing left to queue (a fully slashed pool): the staker is out with nothing, and no withdrawal is recorded or
            // counted. EigenLayer would queue one for 0 and complete it with 0 after the delay; recording only the queueing
            // left "queued 1, completed 0" in the eigenlayer block forever, so neither half is recorded.
            cohorts.Complete(c, 0);
            return false;
        }
        shares[i] -= queued.SharesAtQueue;
        ValueGwei = ComputeValue();
        context.Record(CascadeEventKind.WithdrawalQueued, context.Self, context.Self, Wad.Mul(queued.SharesAtQueue, prices[i], Rounding.Down), null,
            request.Cause, request.Depth, string.Create(CultureInfo.InvariantCulture,
                $"asset={withdrawals.AssetName(i)};deposit_shares={cohorts.DepositOf(c)};shares={queued.SharesAtQueue};completes_at_tick={(long)context.Tick + withdrawals.DelayTicks}"));
        return true;
    }

    /// <summary>
    /// What matures at this tick: withdrawals whose delay ended complete (their payout stays with the pool's stakers or the
    /// cohort that queued it, so the stake and the pools' totals do not move), and pending allocation changes take effect.
    /// Returns whether a slashable allocation moved, i.e. the services' securing stake changed.
    /// </summary>
    private bool Mature(CascadeContext context)
    {
        foreach (var done in withdrawals.CompleteDue(context.Tick))
        {
            int i = done.Pool;
            if (done.Holder != PoolWithdrawals.TickZeroStakers) cohorts.Complete(done.Holder, done.Paid);
            context.Record(CascadeEventKind.WithdrawalCompleted, context.Self, context.Self, Wad.Mul(done.Paid, prices[i], Rounding.Down), null,
                done.Cause, 0, string.Create(CultureInfo.InvariantCulture,
                    $"asset={withdrawals.AssetName(i)};shares={done.Paid};queued_shares={done.SharesAtQueue}"));
        }
        if (delayed is null) return false;
        var moved = delayed.Advance(context.Tick);
        foreach (var m in moved)
            context.Record(CascadeEventKind.AllocationEffective, context.Self, EntityRef.Service(Services[m.Slot]),
                Math.Abs(StakeAt(m.After) - StakeAt(m.Before)), null, m.Cause, 0,
                string.Create(CultureInfo.InvariantCulture, $"magnitude={Wad.ToDecimalString(m.After)};previous={Wad.ToDecimalString(m.Before)}")
                    + DelayedAllocations.EdgeChange(m.Before, m.After));
        return moved.Count > 0;
    }

    /// <summary>
    /// modifyAllocations for a reallocate fault (unique stake only: the loader rejects it elsewhere, so any other model
    /// records a rejection). An increase waits for the allocation delay, a decrease for the deallocation delay; one with no
    /// delay moves the securing stake now. A service the operator had no allocation for is a slot of zero magnitude laid down
    /// at build time (<see cref="ReallocationEdges"/>): allocating to it opens the edge when the increase takes effect.
    /// </summary>
    private bool Reallocate(Reallocation request, CascadeContext context, ref bool allocationsMoved)
    {
        int slot = Array.BinarySearch(Services, request.Service);
        if (slot < 0) return false;
        var target = EntityRef.Service(request.Service);
        string magnitude = Wad.ToDecimalString(request.MagnitudeWad);
        if (delayed is null)
        {
            context.Record(CascadeEventKind.AllocationRejected, context.Self, target, 0, null, request.Cause, request.Depth,
                $"magnitude={magnitude};reason=allocations have no delays under {SecurityModelNames.Of(Model)}");
            return false;
        }
        var change = delayed.Modify(slot, request.MagnitudeWad, context.Tick, request.Cause);
        long moves = Math.Abs(StakeAt(change.Target) - StakeAt(change.Current));
        if (change.Rejected is { } why)
        {
            context.Record(CascadeEventKind.AllocationRejected, context.Self, target, 0, null, request.Cause, request.Depth,
                $"magnitude={magnitude};reason={why}");
            return false;
        }
        context.Record(CascadeEventKind.AllocationQueued, context.Self, target, moves, null, request.Cause, request.Depth,
            string.Create(CultureInfo.InvariantCulture, $"magnitude={magnitude};previous={Wad.ToDecimalString(change.Current)};effect_tick={change.EffectTick}"));
        if (change.EffectTick > context.Tick) return false;
        context.Record(CascadeEventKind.AllocationEffective, context.Self, target, moves, null, request.Cause, request.Depth,
            $"magnitude={magnitude};previous={Wad.ToDecimalString(change.Current)}" + DelayedAllocations.EdgeChange(change.Current, change.Target));
        allocationsMoved = true;
        return true;
    }

    /// <summary>Withdrawals in their delay lost <paramref name="lostShares"/> (per pool) to a slash or penalty.</summary>
    private void RecordQueueLoss(long[] lostShares, EntityRef source, SlashReason reason, string cause, int depth, CascadeContext context)
    {
        long value = 0;
        for (int i = 0; i < lostShares.Length; i++) value += Wad.Mul(lostShares[i], prices[i], Rounding.Down);
        if (value == 0) return;
        context.Record(CascadeEventKind.WithdrawalSlashed, source, context.Self, value, reason, cause, depth,
            "shares=" + string.Join('/', lostShares.Select(s => s.ToString(CultureInfo.InvariantCulture))));
    }

    /// <summary>The stake value a magnitude stands for: value × magnitude / max (unique stake).</summary>
    private long StakeAt(long magnitude) => MaxMagnitude == 0 ? 0 : Wad.MulDiv(ValueGwei, magnitude, MaxMagnitude, Rounding.Down);

    /// <summary>The ETH value a holding earns on: pool <paramref name="h"/>'s tick-0 stakers' delegated shares, or (past the pools)
    /// a cohort's delegated shares; queued shares earn nothing.</summary>
    private long HoldingValue(int h)
    {
        if (h < assets.Length) return Wad.Mul(TickZeroShares(h), prices[h], Rounding.Down);
        int c = h - assets.Length, i = cohorts.PoolOf(c);
        return Wad.Mul(WithdrawableShares.Of(cohorts.ScaledOf(c), shares[i], ScaledShares(i)), prices[i], Rounding.Down);
    }

    public string CheckpointKind => "operator";
    public string CheckpointId => Id;

    /// <summary>Magnitudes, operator shares and asset prices per pool, whether ever slashed, then the queued withdrawals, the
    /// cohorts and the delayed allocations (when it has them). Deposit shares never change here (those that left are the
    /// withdrawals'); the value is recomputed from shares and prices, as every handler does.</summary>
    public void SaveState(CheckpointWriter writer)
    {
        magnitudes.SaveState(writer);
        writer.WriteLongs(shares);
        writer.WriteLongs(prices);
        writer.WriteBool(EverSlashed);
        Rewards.SaveState(writer);
        SaveVaultState(writer);
        withdrawals.SaveState(writer);
        cohorts.SaveState(writer);
        delayed?.SaveState(writer);
    }

    public void RestoreState(CheckpointReader reader)
    {
        magnitudes.RestoreState(reader);
        reader.ReadInto(shares, $"pools at operator {Id}");
        reader.ReadInto(prices, $"asset prices at operator {Id}");
        EverSlashed = reader.ReadBool();
        Rewards.RestoreState(reader, $"operator {Id}");
        RestoreVaultState(reader);
        withdrawals.RestoreState(reader);
        cohorts.RestoreState(reader);
        delayed?.RestoreState(reader);
        ValueGwei = ComputeValue();
    }

    /// <summary>The operator when the run ends at <paramref name="endTick"/>: rewards accrued to the end (idempotent).</summary>
    public Engine.FinalOperator Final(int endTick)
    {
        AccrueRewardsTo(endTick);
        return new Engine.FinalOperator(EverSlashed, Pools, Rewards.BaseGwei.ToArray(), Rewards.ServiceGwei.ToArray(), Rewards.PaidByServiceGwei.ToArray(), Cohorts);
    }

    /// <summary>Operator shares per asset, for conservation checks.</summary>
    public long SharesOf(int asset)
    {
        int i = Array.IndexOf(assets, asset);
        return i < 0 ? 0 : shares[i];
    }
}
