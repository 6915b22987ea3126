using System.Globalization;
using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Operators;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Symbiotic;

/// <summary>
/// A Symbiotic vault curated for several operators (scenario "vaults"): one collateral, one delegator
/// (symbioticfi/core src/contracts/vault/Vault.sol, delegator/FullRestakeDelegator.sol, NetworkRestakeDelegator.sol).
/// <para>
/// Why an entity of its own: the collateral is shared state that every operator of the vault reads (its stake for each
/// network is the delegator's function of the vault's active stake) and that a slash of any of them changes. One owner
/// applies the slashes of a round one after another, each on the collateral the previous one left, exactly as the
/// contract's onSlash calls follow each other; operators that slashed the collateral on their own copies would let
/// two slashes of one round both see the full vault. So the vault holds its operators' pools (operator shares per
/// asset: the stakers' ledger) and is the only one to change them. Its operators forward what reaches them
/// (<see cref="SlashingRequest"/>, <see cref="ValidatorPenalty"/>) and the vault answers each operator whose pools or
/// stakes moved with an <see cref="OperatorStakeChanged"/> about itself (new pools, new stake per network); the operator
/// adopts it and tells its services, LRTs and the adversary. A slash thus reaches listeners two hops later than for an
/// operator in no vault. Asset prices come to the vault as to any holder.
/// </para>
/// <para>
/// Modelled: slashes are absolute amounts (the network asks for a fraction of the stake it sees; the slasher caps the
/// amount at that stake, Slasher.slash), taken by <see cref="Vault.Split"/> (onSlash) from the collateral, pro rata from
/// every operator's pools. The active stake is the collateral's ETH value at current prices (a contract's vault counts
/// one token; our operators may hold ETH and LSTs). Limits and shares are set at tick 0; a vault-limit fault is the
/// curator's setNetworkLimit / setOperatorNetworkLimit during the run, pushed on the delegator's checkpoints.
/// </para>
/// <para>
/// Time (as <see cref="Services.ServiceVetoSlasher"/> keeps it): what happens in tick t happens at timestamp t·tickSeconds + 1,
/// and a capture at tick t reads the state at t·tickSeconds, the tick's start. The vault keeps its active stake's history
/// and, per (network, operator), what was slashed (<see cref="SlashLedger"/>). A slash that carries a capture tick (a veto
/// slasher's request, executed later) is measured at that capture (BaseSlasher._slashableStake: the delegator's stakeAt on
/// the active stake then, less what was slashed for the pair since; nothing once the capture is more than one epoch old)
/// and split by its capture epoch: captured in the previous epoch, onSlash also reaches withdrawals[current] — requested in
/// the capture epoch — besides the active stake and withdrawals[current + 1]. A slash without one (an instant slasher's, an
/// attack's) is captured at its own tick and measured on the stake now; the ledger records it too (BaseSlasher does for every
/// executed slash), so a pending request captured earlier on the same pair then finds nothing (latestSlashedCaptureTimestamp).
/// </para>
/// <para>
/// Epochs and withdrawals (Vault.sol): epoch e covers ticks [e·E, (e + 1)·E) for the vault's epoch duration E. A
/// vault-withdrawal fault at a tick of epoch e is Vault.withdraw by the stakers of every pool, pro rata: that fraction of
/// each pool leaves the active stake at once (so every operator's delegator stake falls) and waits in withdrawals[e + 1].
/// An instant slash's capture is its own tick (the network asks for the stake it sees now), so onSlash takes the amount pro
/// rata from the active stake and withdrawals[current + 1]; withdrawals[current] were requested before the capture epoch and
/// are out of reach (a veto slasher's request captured in the previous epoch reaches them, above). Each bucket is kept per operator and asset, so each operator's stakers lose their share of what a
/// slash takes from it. Once epoch e + 1 has ended (at tick (e + 2)·E, when the schedule wakes the vault) the bucket is
/// claimed (Vault.claim) and leaves the system. An operator's pools report its stakers' total: active plus pending and
/// claimed withdrawals (<see cref="AssetPool.Withdrawn"/>).
/// </para>
/// </summary>
public sealed class SymbioticVaultState : ICascadeParticipant
{
    /// <summary>No limit set by the curator: the delegator's min() then reads the active stake.</summary>
    public const long Unlimited = long.MaxValue;

    private readonly Member[] members;
    private readonly long[] prices;
    /// <summary>withdrawals[epoch], per operator (members' order) and pool: asset amounts, claimable once the epoch has ended.</summary>
    private readonly SortedDictionary<long, long[][]> pending = [];
    /// <summary>The delegator with the curator's tick-0 limits and shares (a restore rebuilds it and replays <see cref="limitCalls"/>).</summary>
    private readonly Func<Delegator> initialDelegator;
    /// <summary>The curator's limit changes so far, in order (vault-limit faults).</summary>
    private readonly List<LimitCall> limitCalls = [];
    /// <summary>activeStakeAt: the active stake (ETH gwei) at each timestamp it changed.</summary>
    private CheckpointTrace<long> activeHistory = new();
    private readonly SlashLedger ledger = new();
    private readonly long tickSeconds;

    private SymbioticVaultState(int index, string id, VaultDelegatorKind kind, Func<Delegator> initialDelegator, Member[] members, long[] prices,
        int epochTicks, int tickSeconds)
    {
        Index = index;
        Id = id;
        DelegatorKind = kind;
        this.initialDelegator = initialDelegator;
        Delegator = initialDelegator();
        this.members = members;
        this.prices = prices;
        EpochTicks = epochTicks;
        this.tickSeconds = tickSeconds;
        long active = ActiveStake;
        activeHistory.Push(0, active);
        foreach (var m in members) m.Securing = StakesOf(m, active);
    }

    public int Index { get; }
    public string Id { get; }
    public VaultDelegatorKind DelegatorKind { get; }
    /// <summary>The delegator with the curator's limits (and, for network restake, shares), keyed by scenario ids.</summary>
    public Delegator Delegator { get; private set; }
    /// <summary>The epoch duration in ticks (VaultStorage.epochDuration); epoch 0 starts at tick 0.</summary>
    public int EpochTicks { get; }

    /// <summary>The value (ETH gwei, current prices) waiting in withdrawals[<paramref name="epoch"/>].</summary>
    public long Withdrawals(long epoch) => pending.TryGetValue(epoch, out var bucket) ? members.Select((m, k) => Value(m, bucket[k])).Sum() : 0;

    /// <summary>Its operators' indices, ascending.</summary>
    public IEnumerable<int> Operators => members.Select(m => m.Operator);

    /// <summary>The vault's active stake: its operators' pools at current prices, in ETH gwei.</summary>
    public long ActiveStake => members.Sum(Value);

    /// <summary>What the delegator gives one operator for each service it secures (in its services' order).</summary>
    public long[] StakesOf(int operatorIndex) => [.. MemberOf(operatorIndex).Securing];

    /// <summary>
    /// Builds the vault and its delegator from the scenario. Defaults (when the file names no limit):
    /// full restake — no network or operator-network limit, so each operator's stake for each of its networks is the
    /// whole collateral (today's one-operator vault, generalised: the same collateral is promised to every operator);
    /// network restake — as for a one-operator vault, the operators' allocations of their collateral at tick 0:
    /// operatorShares(s, v) = value_v × allocation_{v,s} (gwei) and networkLimit(s) = Σ_v of them, so at tick 0 each
    /// operator sees exactly what it allocated.
    /// </summary>
    public static SymbioticVaultState Build(int index, VaultSpec spec, SecurityModel model, WorldSpec world, IReadOnlyList<OperatorState> operators,
        IReadOnlyList<long> assetPrices)
    {
        var kind = spec.Delegator ?? (model == SecurityModel.SymbioticFullRestake ? VaultDelegatorKind.FullRestake : VaultDelegatorKind.NetworkRestake);
        var members = spec.Operators.Select(id => world.OperatorIndex[id]).Order().Select(v =>
        {
            var op = operators[v];
            var pools = op.Pools;
            return new Member(v, op.Id, op.Services, op.Services.Select(s => world.Services[s].Id).ToArray(),
                pools.Select(p => p.Asset).ToArray(), pools.Select(p => p.Shares).ToArray(), pools.Select(p => p.Deposits).ToArray());
        }).ToArray();

        // What each operator allocated of its collateral at tick 0, per network: the network-restake defaults.
        var allocated = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var allocatedBy = new Dictionary<(string Operator, string Network), long>();
        foreach (var m in members)
            for (int slot = 0; slot < m.Services.Length; slot++)
            {
                long amount = Wad.Mul(operators[m.Operator].ValueGwei, world.OperatorAllocations[m.Operator][slot], Rounding.Down);
                allocatedBy[(m.Id, m.Networks[slot])] = amount;
                allocated[m.Networks[slot]] = allocated.GetValueOrDefault(m.Networks[slot]) + amount;
            }

        Delegator AtTickZero()
        {
            if (kind == VaultDelegatorKind.FullRestake)
            {
                var full = new FullRestakeDelegator();
                foreach (var network in allocated.Keys) SetLimit(full, network, spec.NetworkLimitsGwei.GetValueOrDefault(network, Unlimited));
                foreach (var m in members)
                    foreach (var network in m.Networks)
                        full.SetOperatorNetworkLimit(network, m.Id, spec.OperatorNetworkLimitsGwei.GetValueOrDefault((m.Id, network), Unlimited), 0);
                return full;
            }
            var restake = new NetworkRestakeDelegator();
            var explicitShares = spec.OperatorShares.Keys.Select(k => k.Service).ToHashSet(StringComparer.Ordinal);
            foreach (var (network, total) in allocated) SetLimit(restake, network, spec.NetworkLimitsGwei.GetValueOrDefault(network, total));
            foreach (var m in members)
                foreach (var network in m.Networks)
                    restake.SetOperatorNetworkShares(network, m.Id, explicitShares.Contains(network)
                        ? spec.OperatorShares.GetValueOrDefault((m.Id, network))
                        : allocatedBy[(m.Id, network)], 0);
            return restake;
        }
        return new SymbioticVaultState(index, spec.Id, kind, AtTickZero, members, [.. assetPrices], spec.EpochTicksOn(world.Scenario.Ticks),
            world.Scenario.Ticks.Seconds);
    }

    /// <summary>BaseDelegator: the network sets its ceiling (maxNetworkLimit), the curator the limit below it. The network
    /// takes whatever the curator gives (no ceiling below it is modelled), so a curator may raise a limit during the run too.</summary>
    private static void SetLimit(Delegator delegator, string network, long limit)
    {
        delegator.SetMaxNetworkLimit(network, Unlimited, 0);
        delegator.SetNetworkLimit(network, limit, 0);
    }

    public void Handle(IReadOnlyList<Envelope> inbox, CascadeContext context)
    {
        var before = members.Select((m, k) => (Value: Value(m), Shares: m.Shares.ToArray(), Claims: ClaimsOf(k))).ToArray();
        CascadeMessage? first = null;
        foreach (var envelope in inbox)
        {
            bool changed = envelope.Message switch
            {
                SlashingRequest r => Slash(MemberOf(envelope.From), r, context),
                ValidatorPenalty p => Penalise(MemberOf(envelope.From), p, context),
                TokenPriceChanged t => Reprice(t),
                WithdrawalWave w => Withdraw(w, context),
                TickDue due => Claim(due, context),
                VaultLimitChange l => SetLimit(l, context),
                _ => throw new InvalidOperationException($"vault cannot handle {envelope.Message.GetType().Name}"),
            };
            if (changed) first ??= envelope.Message;
        }
        if (first is null) return;

        // Every operator whose pools, value or stakes moved hears it; with a shared collateral that is usually all of them.
        long active = ActiveStake;
        if (activeHistory.Latest != active) activeHistory.Push(Now(context.Tick), active);
        for (int k = 0; k < members.Length; k++)
        {
            var m = members[k];
            var securing = StakesOf(m, active);
            long value = Value(m);
            var claims = ClaimsOf(k);
            if (value == before[k].Value && m.Shares.SequenceEqual(before[k].Shares) && securing.SequenceEqual(m.Securing)
                && claims.SequenceEqual(before[k].Claims)) continue;
            m.Securing = securing;
            context.Send(EntityRef.Operator(m.Operator), new OperatorStakeChanged(m.Operator, value,
                m.Services.Select((s, slot) => new SecuringStake(s, securing[slot])).ToList(),
                m.Assets.Select((a, i) => new AssetPool(a, m.Shares[i] + claims[i], m.Deposits[i], claims[i])).ToList(), first.Cause, first.Depth + 1));
        }
    }

    /// <summary>
    /// One network's slash of one operator. Captured at its own tick (no capture tick): amount = ⌊stake × wadsToSlash⌋ with
    /// stake the delegator's for the pair on the current collateral, and onSlash, captured in the current epoch, takes
    /// min(amount, active + withdrawals[current + 1]): ⌊slashed × active / slashable⌋ from the active stake, the rest from
    /// withdrawals[current + 1]. Captured at an earlier tick (a veto slasher's request): amount = min(requested, slashable at the
    /// capture) (<see cref="SlashLedger.Slashable"/>), and onSlash splits it by the capture epoch (<see cref="Vault.Split"/>);
    /// nothing slashable is a lapse. Every operator's pools keep (active − activeSlashed) / active, every pool of a bucket
    /// (bucket − slashed) / bucket. Each operator's loss is an event from the slashing service: a Slash for its stake, a
    /// CaptureEpochWithdrawalSlashed and a VaultWithdrawalSlashed for its stakers' withdrawals[current] and [current + 1].
    /// </summary>
    private bool Slash(Member slashed, SlashingRequest request, CascadeContext context)
    {
        int slot = Array.BinarySearch(slashed.Services, request.Service);
        if (slot < 0) return false;
        string network = slashed.Networks[slot];
        long active = ActiveStake;
        long epoch = EpochOf(context.Tick), now = Now(context.Tick);
        long current = Withdrawals(epoch), next = Withdrawals(epoch + 1);
        string detail = $"vault={Id};slashed_operator={slashed.Id};wads={request.WadsToSlash}";
        long amount, captureEpoch = epoch, capture = Capture(context.Tick);
        if (request.CaptureTick is { } captureTick)
        {
            capture = Capture(captureTick);
            var (slashable, stakeAt) = ledger.Slashable(network, slashed.Id, capture, now, EpochTicks * tickSeconds,
                () => Delegator.StakeAt(network, slashed.Id, activeHistory.UpperLookupRecent(capture), capture));
            amount = request.Capped(Math.Min(Wad.Mul(stakeAt, request.WadsToSlash, Rounding.Down), slashable));
            if (amount == 0)
            {
                // executeSlash would revert: the capture is more than an epoch old, or nothing is left of the stake at it.
                string revert = SlashLedger.SlashPeriodEnded(capture, now, EpochTicks * tickSeconds) ? "SlashPeriodEnded" : "InsufficientSlash";
                context.Record(CascadeEventKind.SlashLapsed, EntityRef.Service(request.Service), EntityRef.Operator(slashed.Operator),
                    request.AmountGwei ?? 0, request.Reason, request.Cause, request.Depth, $"vault={Id};capture_tick={captureTick};revert={revert}");
                return false;
            }
            captureEpoch = EpochOf(captureTick);
            detail += string.Create(CultureInfo.InvariantCulture,
                $";amount_gwei={amount};capture_tick={captureTick};capture_epoch={captureEpoch};epoch={epoch};stake_at_capture_gwei={stakeAt}");
        }
        else
        {
            amount = request.Capped(Wad.Mul(Delegator.Stake(network, slashed.Id, active), request.WadsToSlash, Rounding.Down));
            if (amount == 0 || active == 0) return false;
            detail += $";amount_gwei={amount}";
        }
        var split = Vault.Split(amount, captureEpoch, epoch, active, current, next);
        if (split.Slashed == 0) return false;
        ledger.Record(network, slashed.Id, amount, capture, now);
        detail = request.Detail(detail);
        bool any = false;
        for (int k = 0; k < members.Length; k++)
        {
            var m = members[k];
            long value = Value(m);
            if (active > 0) PoolMath.Scale(m.Shares, active - split.ActiveSlashed, active);
            long lost = value - Value(m);
            if (lost > 0)
                context.Record(CascadeEventKind.Slash, EntityRef.Service(request.Service), EntityRef.Operator(m.Operator), lost, request.Reason,
                    request.Cause, request.Depth, detail);
            // withdrawals[current] is reached only by a capture in the previous epoch (Vault.onSlash).
            long currentLost = TakeFromBucket(epoch, k, split.WithdrawalsSlashed, current);
            if (currentLost > 0)
                context.Record(CascadeEventKind.CaptureEpochWithdrawalSlashed, EntityRef.Service(request.Service), EntityRef.Operator(m.Operator),
                    currentLost, request.Reason, request.Cause, request.Depth, detail);
            long nextLost = TakeFromBucket(epoch + 1, k, split.NextWithdrawalsSlashed, next);
            if (nextLost > 0)
                context.Record(CascadeEventKind.VaultWithdrawalSlashed, EntityRef.Service(request.Service), EntityRef.Operator(m.Operator), nextLost,
                    request.Reason, request.Cause, request.Depth, detail);
            any |= lost > 0 || currentLost > 0 || nextLost > 0;
        }
        return any;
    }

    /// <summary>
    /// The curator's setNetworkLimit (BaseDelegator) or, for one operator, setOperatorNetworkLimit (FullRestakeDelegator), at
    /// this tick's timestamp: the delegator keeps limits checkpointed, so a capture before it still reads the old limit, and
    /// the stake of every operator of the vault for that network is recomputed (Handle tells those whose stake moved).
    /// </summary>
    private bool SetLimit(VaultLimitChange change, CascadeContext context)
    {
        string network = NetworkOf(change.Service);
        string? op = change.Operator is { } v ? MemberOf(v).Id : null;
        var call = new LimitCall(Now(context.Tick), network, op, change.LimitGwei);
        long previous = Apply(call);
        limitCalls.Add(call);
        context.Record(CascadeEventKind.VaultLimitSet, context.Self, EntityRef.Service(change.Service), change.LimitGwei, null, change.Cause, change.Depth,
            $"vault={Id};network={network}" + (op is null ? "" : $";operator={op}") + $";previous_gwei={LimitText(previous)}");
        return true;
    }

    /// <summary>One limit change on the delegator; returns the limit it replaced.</summary>
    private long Apply(LimitCall call)
    {
        if (call.Operator is not { } op)
        {
            long previous = Delegator.NetworkLimit(call.Network);
            Delegator.SetNetworkLimit(call.Network, call.LimitGwei, call.Timestamp);
            return previous;
        }
        var full = Delegator as FullRestakeDelegator
            ?? throw new InvalidOperationException($"vault {Id} is a network-restake vault: it has no operator-network limits (operator {op})");
        long before = full.OperatorNetworkLimit(call.Network, op);
        full.SetOperatorNetworkLimit(call.Network, op, call.LimitGwei, call.Timestamp);
        return before;
    }

    private static string LimitText(long limit) => limit == Unlimited ? "unlimited" : limit.ToString(CultureInfo.InvariantCulture);

    /// <summary>The delegator's network key of a service some operator of the vault secures.</summary>
    private string NetworkOf(int service)
    {
        foreach (var m in members)
            if (Array.BinarySearch(m.Services, service) is var slot and >= 0) return m.Networks[slot];
        throw new InvalidOperationException($"no operator of vault {Id} secures service {service}");
    }

    /// <summary>What tick <paramref name="tick"/> does happens at this timestamp (its start + 1 s, as the veto slasher's clock).</summary>
    private long Now(int tick) => (long)tick * tickSeconds + 1;

    /// <summary>A capture at <paramref name="tick"/> reads the state at the tick's start (captureTimestamp &lt; now).</summary>
    private long Capture(int tick) => (long)tick * tickSeconds;

    /// <summary>Scales operator k's pools in withdrawals[epoch] by (total − slashed) / total, as the active pools are;
    /// returns the value it lost.</summary>
    private long TakeFromBucket(long epoch, int k, long slashed, long total)
    {
        if (slashed == 0 || total == 0 || !pending.TryGetValue(epoch, out var bucket)) return 0;
        long value = Value(members[k], bucket[k]);
        PoolMath.Scale(bucket[k], total - slashed, total);
        return value - Value(members[k], bucket[k]);
    }

    /// <summary>
    /// Vault.withdraw by every staker of the vault, pro rata: ⌊fraction × pool⌋ of each operator's pool leaves the active
    /// stake now and joins withdrawals[currentEpoch + 1] (same asset, so slashes and prices reach it as they reach the pool).
    /// </summary>
    private bool Withdraw(WithdrawalWave wave, CascadeContext context)
    {
        long epoch = EpochOf(context.Tick) + 1;
        bool any = false;
        for (int k = 0; k < members.Length; k++)
        {
            var m = members[k];
            var amounts = new long[m.Shares.Length];
            for (int i = 0; i < amounts.Length; i++) amounts[i] = Wad.Mul(m.Shares[i], wave.FractionWad, Rounding.Down);
            long value = Value(m, amounts);
            if (amounts.All(a => a == 0)) continue;
            if (!pending.TryGetValue(epoch, out var bucket)) pending[epoch] = bucket = members.Select(x => new long[x.Shares.Length]).ToArray();
            for (int i = 0; i < amounts.Length; i++)
            {
                m.Shares[i] -= amounts[i];
                bucket[k][i] += amounts[i];
            }
            any = true;
            context.Record(CascadeEventKind.VaultWithdrawalRequested, context.Self, EntityRef.Operator(m.Operator), value, null, wave.Cause, wave.Depth,
                $"vault={Id};epoch={epoch};claimable_tick={(epoch + 1) * EpochTicks}");
        }
        return any;
    }

    /// <summary>Vault.claim of every bucket whose epoch has ended (epoch &lt; currentEpoch): what slashes left of it leaves
    /// the vault; it stays in the stakers' total (pending or claimed, <see cref="ClaimsOf"/>), so no operator's pools move.</summary>
    private bool Claim(TickDue due, CascadeContext context)
    {
        long current = EpochOf(context.Tick);
        foreach (var epoch in pending.Keys.Where(e => e < current).ToList())
        {
            var bucket = pending[epoch];
            for (int k = 0; k < members.Length; k++)
            {
                var m = members[k];
                long value = Value(m, bucket[k]);
                for (int i = 0; i < bucket[k].Length; i++) m.Claimed[i] += bucket[k][i];
                if (value > 0)
                    context.Record(CascadeEventKind.VaultWithdrawalClaimed, context.Self, EntityRef.Operator(m.Operator), value, null, due.Cause, due.Depth,
                        $"vault={Id};epoch={epoch}");
            }
            pending.Remove(epoch);
        }
        return false;
    }

    private long EpochOf(int tick) => tick / EpochTicks;

    /// <summary>Per pool of operator k, its stakers' withdrawals: pending in any epoch, and claimed.</summary>
    private long[] ClaimsOf(int k)
    {
        var claims = members[k].Claimed.ToArray();
        foreach (var bucket in pending.Values)
            for (int i = 0; i < claims.Length; i++) claims[i] += bucket[k][i];
        return claims;
    }

    /// <summary>A consensus-layer penalty on one operator's validators lowers that operator's ETH pool, as for an operator in
    /// no vault; the collateral, and so every operator's stake, falls with it.</summary>
    private bool Penalise(Member m, ValidatorPenalty penalty, CascadeContext context)
    {
        int i = Array.IndexOf(m.Assets, WorldSpec.EthAsset);
        if (i < 0) return false;
        long value = Value(m);
        if (PoolMath.TakePenalty(m.Shares, i, penalty.AmountGwei) == 0) return false;
        context.Record(CascadeEventKind.Penalty, EntityRef.BaseChain, EntityRef.Operator(m.Operator), value - Value(m), SlashReason.BaseChain,
            penalty.Cause, penalty.Depth, "validator_group=" + penalty.ValidatorGroup);
        return true;
    }

    private bool Reprice(TokenPriceChanged change)
    {
        int asset = change.Token + 1;
        if (prices[asset] == change.PriceWad) return false;
        prices[asset] = change.PriceWad;
        return true;
    }

    private long Value(Member m) => Value(m, m.Shares);

    private long Value(Member m, long[] amounts) => PoolMath.Value(amounts, m.Assets.Select(a => prices[a]).ToArray());

    private long[] StakesOf(Member m, long active) => m.Networks.Select(network => Delegator.Stake(network, m.Id, active)).ToArray();

    private Member MemberOf(EntityRef sender) => sender.Kind == EntityKind.Operator
        ? MemberOf(sender.Index)
        : throw new InvalidOperationException($"vault {Id} takes slashes and penalties from its operators, not from {sender.Kind} {sender.Index}");

    private Member MemberOf(int operatorIndex) =>
        members.FirstOrDefault(m => m.Operator == operatorIndex) ?? throw new InvalidOperationException($"operator {operatorIndex} is not in vault {Id}");

    public string CheckpointKind => "vault";
    public string CheckpointId => Id;

    /// <summary>Each operator's pools, the stakes it was last told and its stakers' claimed withdrawals, then the asset
    /// prices, then the pending withdrawals per epoch, then the active stake's history, the slash ledger and the curator's
    /// limit changes (the delegator is rebuilt as at tick 0 and they are replayed on it).</summary>
    public void SaveState(CheckpointWriter writer)
    {
        foreach (var m in members)
        {
            writer.WriteLongs(m.Shares);
            writer.WriteLongs(m.Securing);
            writer.WriteLongs(m.Claimed);
        }
        writer.WriteLongs(prices);
        writer.WriteAll(pending.ToList(), entry =>
        {
            writer.WriteLong(entry.Key);
            foreach (var pools in entry.Value) writer.WriteLongs(pools);
        });
        WriteTrace(writer, activeHistory.Checkpoints);
        writer.WriteAll(ledger.Pairs.ToList(), pair =>
        {
            writer.WriteString(pair.Network);
            writer.WriteString(pair.Operator);
            WriteTrace(writer, pair.Cumulative);
            writer.WriteLong(pair.LatestCapture);
        });
        writer.WriteAll(limitCalls, call =>
        {
            writer.WriteLong(call.Timestamp);
            writer.WriteString(call.Network);
            writer.WriteString(call.Operator);
            writer.WriteLong(call.LimitGwei);
        });
    }

    public void RestoreState(CheckpointReader reader)
    {
        foreach (var m in members)
        {
            reader.ReadInto(m.Shares, $"pools of operator {m.Id} in vault {Id}");
            reader.ReadInto(m.Securing, $"stakes of operator {m.Id} in vault {Id}");
            reader.ReadInto(m.Claimed, $"claimed withdrawals of operator {m.Id} in vault {Id}");
        }
        reader.ReadInto(prices, $"asset prices in vault {Id}");
        pending.Clear();
        foreach (var (epoch, bucket) in reader.ReadAll(8, () => (reader.ReadLong(), members.Select(m =>
                 {
                     var pools = new long[m.Shares.Length];
                     reader.ReadInto(pools, $"withdrawals of operator {m.Id} in vault {Id}");
                     return pools;
                 }).ToArray())))
            pending[epoch] = bucket;
        activeHistory = new CheckpointTrace<long>();
        foreach (var (key, value) in ReadTrace(reader)) activeHistory.Push(key, value);
        ledger.Clear();
        foreach (var (network, op, cumulative, latest) in reader.ReadAll(20, () => (reader.ReadString(), reader.ReadString(), ReadTrace(reader), reader.ReadLong())))
            ledger.Restore(network, op, cumulative, latest);
        var calls = reader.ReadAll(21, () => new LimitCall(reader.ReadLong(), reader.ReadString(), reader.ReadNullableString(), reader.ReadLong()));
        Delegator = initialDelegator();
        limitCalls.Clear();
        foreach (var call in calls)
        {
            Apply(call);
            limitCalls.Add(call);
        }
    }

    private static void WriteTrace(CheckpointWriter writer, IReadOnlyList<(long Key, long Value)> checkpoints) =>
        writer.WriteAll(checkpoints, c => { writer.WriteLong(c.Key); writer.WriteLong(c.Value); });

    private static (long Key, long Value)[] ReadTrace(CheckpointReader reader) => reader.ReadAll(16, () => (reader.ReadLong(), reader.ReadLong()));

    /// <summary>A curator's limit change: at a timestamp, a network's limit or (with an operator) that operator's.</summary>
    private sealed record LimitCall(long Timestamp, string Network, string? Operator, long LimitGwei);

    /// <summary>One operator of the vault: its services (sorted) with their scenario ids (the delegator's network keys),
    /// its pools, and the stake per service it was last told.</summary>
    private sealed class Member(int op, string id, int[] services, string[] networks, int[] assets, long[] shares, long[] deposits)
    {
        public int Operator { get; } = op;
        public string Id { get; } = id;
        public int[] Services { get; } = services;
        public string[] Networks { get; } = networks;
        public int[] Assets { get; } = assets;
        public long[] Shares { get; } = shares;
        public long[] Deposits { get; } = deposits;
        public long[] Securing { get; set; } = [];
        /// <summary>Per pool, what its stakers claimed of their vault withdrawals (left the vault).</summary>
        public long[] Claimed { get; } = new long[assets.Length];
    }
}
