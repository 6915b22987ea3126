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
/// every operator's pools. Nobody requests a vault withdrawal in this world and every capture is in the current epoch, so
/// withdrawals[current] and withdrawals[current + 1] are 0 and onSlash takes everything from the active stake, at most
/// all of it. The active stake is the collateral's ETH value at current prices (a contract's vault counts one token;
/// our operators may hold ETH and LSTs). Limits and shares are set once at tick 0 (no curator acts during a run).
/// </para>
/// </summary>
public sealed class SymbioticVaultState : ICascadeParticipant
{
    /// <summary>No limit set by the curator: the delegator's min() then reads the active stake.</summary>
    public const long Unlimited = long.MaxValue;

    private readonly Member[] members;
    private readonly long[] prices;

    private SymbioticVaultState(int index, string id, VaultDelegatorKind kind, Delegator delegator, Member[] members, long[] prices)
    {
        Index = index;
        Id = id;
        DelegatorKind = kind;
        Delegator = delegator;
        this.members = members;
        this.prices = prices;
        long active = ActiveStake;
        foreach (var m in members) m.Securing = StakesOf(m, active);
    }

    public int Index { get; }
    public string Id { get; }
    public VaultDelegatorKind DelegatorKind { get; }
    /// <summary>The delegator with the curator's limits (and, for network restake, shares), keyed by scenario ids.</summary>
    public Delegator Delegator { get; }

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

        Delegator delegator;
        if (kind == VaultDelegatorKind.FullRestake)
        {
            var full = new FullRestakeDelegator();
            foreach (var network in allocated.Keys) SetLimit(full, network, spec.NetworkLimitsGwei.GetValueOrDefault(network, Unlimited));
            foreach (var m in members)
                foreach (var network in m.Networks)
                    full.SetOperatorNetworkLimit(network, m.Id, spec.OperatorNetworkLimitsGwei.GetValueOrDefault((m.Id, network), Unlimited), 0);
            delegator = full;
        }
        else
        {
            var restake = new NetworkRestakeDelegator();
            var explicitShares = spec.OperatorShares.Keys.Select(k => k.Service).ToHashSet(StringComparer.Ordinal);
            foreach (var (network, total) in allocated) SetLimit(restake, network, spec.NetworkLimitsGwei.GetValueOrDefault(network, total));
            foreach (var m in members)
                foreach (var network in m.Networks)
                    restake.SetOperatorNetworkShares(network, m.Id, explicitShares.Contains(network)
                        ? spec.OperatorShares.GetValueOrDefault((m.Id, network))
                        : allocatedBy[(m.Id, network)], 0);
            delegator = restake;
        }
        return new SymbioticVaultState(index, spec.Id, kind, delegator, members, [.. assetPrices]);
    }

    /// <summary>BaseDelegator: the network sets its ceiling (maxNetworkLimit), the curator the limit below it.</summary>
    private static void SetLimit(Delegator delegator, string network, long limit)
    {
        delegator.SetMaxNetworkLimit(network, limit, 0);
        delegator.SetNetworkLimit(network, limit, 0);
    }

    public void Handle(IReadOnlyList<Envelope> inbox, CascadeContext context)
    {
        var before = members.Select(m => (Value: Value(m), Shares: m.Shares.ToArray())).ToArray();
        CascadeMessage? first = null;
        foreach (var envelope in inbox)
        {
            bool changed = envelope.Message switch
            {
                SlashingRequest r => Slash(MemberOf(envelope.From), r, context),
                ValidatorPenalty p => Penalise(MemberOf(envelope.From), p, context),
                TokenPriceChanged t => Reprice(t),
                _ => throw new InvalidOperationException($"vault cannot handle {envelope.Message.GetType().Name}"),
            };
            if (changed) first ??= envelope.Message;
        }
        if (first is null) return;

        // Every operator whose pools, value or stakes moved hears it; with a shared collateral that is usually all of them.
        long active = ActiveStake;
        for (int k = 0; k < members.Length; k++)
        {
            var m = members[k];
            var securing = StakesOf(m, active);
            long value = Value(m);
            if (value == before[k].Value && m.Shares.SequenceEqual(before[k].Shares) && securing.SequenceEqual(m.Securing)) continue;
            m.Securing = securing;
            context.Send(EntityRef.Operator(m.Operator), new OperatorStakeChanged(m.Operator, value,
                m.Services.Select((s, slot) => new SecuringStake(s, securing[slot])).ToList(),
                m.Assets.Select((a, i) => new AssetPool(a, m.Shares[i], m.Deposits[i])).ToList(), first.Cause, first.Depth + 1));
        }
    }

    /// <summary>
    /// One network's slash of one operator: amount = ⌊stake × wadsToSlash⌋ with stake the delegator's for the pair on the
    /// current collateral; onSlash takes min(amount, active) and every operator's pools keep (active − slashed) / active.
    /// Each operator's loss is an event from the slashing service, so the slashed total and every operator hit show.
    /// </summary>
    private bool Slash(Member slashed, SlashingRequest request, CascadeContext context)
    {
        int slot = Array.BinarySearch(slashed.Services, request.Service);
        if (slot < 0) return false;
        long active = ActiveStake;
        long amount = request.Capped(Wad.Mul(Delegator.Stake(slashed.Networks[slot], slashed.Id, active), request.WadsToSlash, Rounding.Down));
        if (amount == 0 || active == 0) return false;
        var split = Vault.Split(amount, captureEpoch: 0, currentEpoch: 0, active, withdrawals: 0, nextWithdrawals: 0);
        bool any = false;
        foreach (var m in members)
        {
            long value = Value(m);
            PoolMath.Scale(m.Shares, active - split.ActiveSlashed, active);
            long lost = value - Value(m);
            if (lost == 0) continue;
            any = true;
            context.Record(CascadeEventKind.Slash, EntityRef.Service(request.Service), EntityRef.Operator(m.Operator), lost, request.Reason,
                request.Cause, request.Depth, request.Detail($"vault={Id};slashed_operator={slashed.Id};wads={request.WadsToSlash};amount_gwei={amount}"));
        }
        return any;
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

    private long Value(Member m) => PoolMath.Value(m.Shares, m.Assets.Select(a => prices[a]).ToArray());

    private long[] StakesOf(Member m, long active) => m.Networks.Select(network => Delegator.Stake(network, m.Id, active)).ToArray();

    private Member MemberOf(EntityRef sender) => sender.Kind == EntityKind.Operator
        ? MemberOf(sender.Index)
        : throw new InvalidOperationException($"vault {Id} takes slashes and penalties from its operators, not from {sender.Kind} {sender.Index}");

    private Member MemberOf(int operatorIndex) =>
        members.FirstOrDefault(m => m.Operator == operatorIndex) ?? throw new InvalidOperationException($"operator {operatorIndex} is not in vault {Id}");

    public string CheckpointKind => "vault";
    public string CheckpointId => Id;

    /// <summary>Each operator's pools and the stakes it was last told, then the asset prices. The delegator's limits and
    /// shares are set at tick 0 and never change, so the rebuild has them.</summary>
    public void SaveState(CheckpointWriter writer)
    {
        foreach (var m in members)
        {
            writer.WriteLongs(m.Shares);
            writer.WriteLongs(m.Securing);
        }
        writer.WriteLongs(prices);
    }

    public void RestoreState(CheckpointReader reader)
    {
        foreach (var m in members)
        {
            reader.ReadInto(m.Shares, $"pools of operator {m.Id} in vault {Id}");
            reader.ReadInto(m.Securing, $"stakes of operator {m.Id} in vault {Id}");
        }
        reader.ReadInto(prices, $"asset prices in vault {Id}");
    }

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
    }
}
