namespace Restaking.Domain.Cascade;

/// <summary>
/// A hop of contagion. <see cref="Cause"/> is the id of the scheduled fault the chain started from; <see cref="Depth"/>
/// counts hops from it (the fault itself is depth 0). What one entity sends in round r is delivered in round r + 1.
/// </summary>
public abstract record CascadeMessage(string Cause, int Depth);

/// <summary>Fault: an operator double-signed on the receiving service, which slashes it by its slash fraction.</summary>
public sealed record EquivocationProven(int Operator, string Cause) : CascadeMessage(Cause, 0);

/// <summary>Fault: the receiving service goes rogue (or a bug fires) and slashes every operator by <see cref="FractionWad"/>
/// (its own slash fraction when null).</summary>
public sealed record RogueSlashing(long? FractionWad, string Cause) : CascadeMessage(Cause, 0);

/// <summary>Fault: these operators of the receiving service went offline together (correlated outage).</summary>
public sealed record OutageReported(IReadOnlyList<int> Operators, string Cause) : CascadeMessage(Cause, 0);

/// <summary>Fault: the receiving bridge is drained of <see cref="AmountGwei"/> (a contract exploit, not an operator fault).</summary>
public sealed record BridgeDrained(long AmountGwei, string Cause) : CascadeMessage(Cause, 0);

/// <summary>Fault: a share of the validators of the given groups (all when empty) is slashed on the base chain.</summary>
public sealed record MassSlashing(IReadOnlyList<int> Groups, long FractionWad, long OtherSlashedGwei, string Cause) : CascadeMessage(Cause, 0);

/// <summary>Fault: the receiving token's market price drops by <see cref="FractionWad"/>.</summary>
public sealed record PriceShock(long FractionWad, string Cause) : CascadeMessage(Cause, 0);

/// <summary>Fault: holders of <see cref="Tokens"/> of the receiving token want out (they queue, or sell into its pool).</summary>
public sealed record ExitWave(long Tokens, string Cause) : CascadeMessage(Cause, 0);

/// <summary>Fault: the stakers of the receiving operator queue <see cref="FractionWad"/> of their deposit shares for withdrawal,
/// in <see cref="Asset"/> (every asset when null).</summary>
public sealed record WithdrawalWave(long FractionWad, int? Asset, string Cause) : CascadeMessage(Cause, 0);

/// <summary>Fault: the receiving operator sets its allocation to <see cref="Service"/> to <see cref="MagnitudeWad"/> (ELIP-002 modifyAllocations).</summary>
public sealed record Reallocation(int Service, long MagnitudeWad, string Cause) : CascadeMessage(Cause, 0);

/// <summary>Fault: the receiving shared vault's curator sets the network limit of <see cref="Service"/> (Symbiotic
/// BaseDelegator.setNetworkLimit) or, with <see cref="Operator"/>, that operator's limit for it
/// (FullRestakeDelegator.setOperatorNetworkLimit) to <see cref="LimitGwei"/>.</summary>
public sealed record VaultLimitChange(int Service, int? Operator, long LimitGwei, string Cause) : CascadeMessage(Cause, 0);

/// <summary>Scheduled: listed staker <see cref="Staker"/> deposits its amount into its asset's strategy, delegated to the receiving
/// operator (StrategyManager.depositIntoStrategy → DelegationManager.increaseDelegatedShares).</summary>
public sealed record StakerDeposit(int Staker, string Cause) : CascadeMessage(Cause, 0);

/// <summary>Scheduled: listed staker <see cref="Staker"/> queues the withdrawal of all its deposit shares from the receiving operator
/// (DelegationManager.queueWithdrawals).</summary>
public sealed record StakerWithdrawal(int Staker, string Cause) : CascadeMessage(Cause, 0);

/// <summary>Liquidators of a lending market sell the collateral they seized into the token's pool.</summary>
public sealed record CollateralSold(int Market, long Tokens, string Cause, int Depth) : CascadeMessage(Cause, Depth);

/// <summary>Start-of-tick work: base-chain correlation penalties falling due, the adversary's first look, an operator's
/// queued withdrawals or allocation changes maturing (the cause is then the fault that queued them).</summary>
public sealed record TickDue(string Cause) : CascadeMessage(Cause, 0);

/// <summary>
/// A service asks an operator to slash <see cref="WadsToSlash"/> of the stake securing it (ELIP-002 slashOperator).
/// <see cref="AmountGwei"/>, when set, is an absolute amount (a veto slasher's executed request, Symbiotic's unit): the
/// operator takes at most that much, and at most the stake securing the service, as Vault.onSlash caps it.
/// <see cref="Recipient"/>, when set, is the service's ELIP-006 redistribution recipient (null: burned).
/// <see cref="CaptureTick"/>, when set, is the tick whose start the slash was captured at (a veto slasher's request:
/// requestSlash's captureTimestamp); a shared Symbiotic vault measures the slashable stake there and splits the slash by
/// its capture epoch (Vault.onSlash). Null: captured at the slash's own tick; operators outside a shared vault ignore it.
/// </summary>
public sealed record SlashingRequest(int Service, long WadsToSlash, SlashReason Reason, string Cause, int Depth,
    long? AmountGwei = null, string? Recipient = null, int? CaptureTick = null)
    : CascadeMessage(Cause, Depth)
{
    /// <summary>The amount a slasher settled on (VetoSlasher.executeSlash) caps what <see cref="WadsToSlash"/> of the stake gives.</summary>
    public long Capped(long amountGwei) => AmountGwei is { } requested ? Math.Min(amountGwei, requested) : amountGwei;

    /// <summary>A slash event's detail: an absolute request and a redistribution recipient are added only when present,
    /// so other slashes keep their detail as it was.</summary>
    public string Detail(string detail)
    {
        if (AmountGwei is { } requested) detail += $";requested_gwei={requested}";
        if (Recipient is { } recipient) detail += ";redistributed_to=" + recipient;
        return detail;
    }
}

/// <summary>Consensus-layer penalties against validators the recipient (an operator's native stake or an LST) owns.</summary>
public sealed record ValidatorPenalty(string ValidatorGroup, long AmountGwei, string Cause, int Depth) : CascadeMessage(Cause, Depth);

/// <summary>One (operator, asset) pool: what its stakers can withdraw in total — the operator's current shares, plus the
/// withdrawals they queued (at what slashing left of them) and completed — and the deposit shares that stands for.
/// Without withdrawals, just the operator's shares. <see cref="Withdrawn"/>: only in a shared vault's answer to its operator,
/// the part of <see cref="Shares"/> in the vault's withdrawals (pending or claimed), so the operator can tell its stake
/// from its stakers' total; 0 elsewhere.</summary>
public readonly record struct AssetPool(int Asset, long Shares, long Deposits, long Withdrawn = 0);

/// <summary>One edge of the security graph: the stake of the operator that backs one service.</summary>
public readonly record struct SecuringStake(int Service, long StakeGwei);

/// <summary>
/// An operator's stake changed (slash, penalty or re-pricing of what it holds): sent to the services it secures,
/// the adversary and the liquid restaking tokens delegated to it.
/// </summary>
public sealed record OperatorStakeChanged(
    int Operator, long ValueGwei, IReadOnlyList<SecuringStake> Securing, IReadOnlyList<AssetPool> Pools, string Cause, int Depth)
    : CascadeMessage(Cause, Depth);

/// <summary>A liquid token's NAV or market price changed: sent to the operators, LRTs and lending markets holding it. A market
/// with several venues adds each venue's price (<see cref="VenuePricesWad"/>, in venue order; null otherwise).</summary>
public sealed record TokenPriceChanged(int Token, long NavWad, long PriceWad, string Cause, int Depth, IReadOnlyList<long>? VenuePricesWad = null)
    : CascadeMessage(Cause, Depth);

/// <summary>The adversary corrupts the services of an attack with the operators of the attack (DR24 attack (A, B)).</summary>
public sealed record AttackLaunched(int AttackNumber, IReadOnlyList<int> Services, IReadOnlyList<int> Operators, string Cause, int Depth)
    : CascadeMessage(Cause, Depth);

/// <summary>A service was corrupted or exploited outside an attack the adversary launched; it no longer has value at risk.</summary>
public sealed record ServiceCompromised(int Service, string Cause, int Depth) : CascadeMessage(Cause, Depth);

/// <summary>A token loses backing (e.g. the bridge holding it was drained).</summary>
public sealed record BackingDrained(int Service, long AmountGwei, string Cause, int Depth) : CascadeMessage(Cause, Depth);

/// <summary>One of a plug-in kind's own faults strikes a service (<see cref="Scenarios.FaultType.Plugin"/>): the fault's index in
/// the scenario's list, which both engines hold, so the message carries no plug-in data.</summary>
public sealed record PluginFaultRaised(int Fault, string Cause) : CascadeMessage(Cause, 0);

/// <summary>A service's kind halted (or resumed) the redemptions of a token (e.g. a corrupted sequencer freezes its rollup's
/// withdrawals): its redemption queue stops paying and holders who want out can only sell.</summary>
public sealed record RedemptionsHalted(int Service, bool Halted, string Cause, int Depth) : CascadeMessage(Cause, Depth);

/// <summary>An oracle service reports a collateral price to a lending market that reads it (<see cref="Scenarios.LendingMarketSpec.OracleService"/>).</summary>
public sealed record OraclePriceReported(int Service, long PriceWad, string Cause, int Depth) : CascadeMessage(Cause, Depth);

/// <summary>A service's value at risk left or attack threshold changed (its kind's logic): the adversary's view must follow.</summary>
public sealed record ServiceTermsChanged(int Service, long ValueAtRiskGwei, long AttackThresholdWad, string Cause, int Depth) : CascadeMessage(Cause, Depth);
