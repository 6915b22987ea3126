namespace Restaking.Domain.Cascade;

/// <summary>What kind of loss or shock an event records.</summary>
public enum CascadeEventKind
{
    Slash,
    Penalty,
    Attack,
    Compromise,
    Drain,
    PriceShock,
    /// <summary>Tokens sold into a pool (holders leaving, liquidators); the amount is the ETH received.</summary>
    MarketSale,
    /// <summary>A lending position liquidated; the amount is the debt repaid.</summary>
    Liquidation,
    /// <summary>Debt left when a position's collateral is gone.</summary>
    BadDebt,
    /// <summary>Newly issued ETH paid for reporting slashed validators (whistleblower and proposer); no restaker pays it.</summary>
    WhistleblowerReward,
    /// <summary>Yield-driven deposits: tokens minted at NAV; the amount is the ETH brought. At an operator: a listed staker's
    /// EigenLayer deposit (its target is the operator); the amount is the deposit's value.</summary>
    Deposit,
    /// <summary>Yield-driven holders leaving through the exit wave (queue or pool); the amount is tokens × NAV.</summary>
    YieldExit,
    /// <summary>A veto slasher recorded a slash request (VetoSlasher.requestSlash); the amount is the request, already
    /// capped at the stake the service sees. It executes (a <see cref="Slash"/>) unless it is vetoed or lapses.</summary>
    SlashRequested,
    /// <summary>The service's resolver vetoed a pending request (VetoSlasher.vetoSlash): nothing is slashed.</summary>
    SlashVetoed,
    /// <summary>A pending request that could not execute (executeSlash reverted, e.g. InsufficientSlash: nothing left to slash).</summary>
    SlashLapsed,
    /// <summary>Stakers queued a withdrawal from an operator's pool; the amount is the value of the shares that left its stake.</summary>
    WithdrawalQueued,
    /// <summary>A slash (or a native-validator penalty) reached withdrawals still in their delay; the amount is what it took from them.</summary>
    WithdrawalSlashed,
    /// <summary>A queued withdrawal completed; the amount is the value it paid out, after every slash during its delay.</summary>
    WithdrawalCompleted,
    /// <summary>An operator asked to change an allocation (ELIP-002 modifyAllocations); the amount is the stake it would move.</summary>
    AllocationQueued,
    /// <summary>A pending allocation change took effect; the amount is the securing stake it moved.</summary>
    AllocationEffective,
    /// <summary>An allocation change the contract would revert (pending change, same magnitude, not enough magnitude).</summary>
    AllocationRejected,
    /// <summary>Stakers withdrew from a shared Symbiotic vault (Vault.withdraw); the amount is the value that left the
    /// operator's active stake for withdrawals[currentEpoch + 1].</summary>
    VaultWithdrawalRequested,
    /// <summary>A slash took part of a pending vault withdrawal (Vault.onSlash); the amount is what it took from it.</summary>
    VaultWithdrawalSlashed,
    /// <summary>A vault withdrawal's epoch ended and its stakers claimed it (Vault.claim); the amount is what it paid.</summary>
    VaultWithdrawalClaimed,
    /// <summary>A slash captured in the previous vault epoch took part of a withdrawal requested in its capture epoch
    /// (Vault.onSlash: withdrawals[currentEpoch], out of reach of captures in the current epoch); the amount is what it took.
    /// <see cref="VaultWithdrawalSlashed"/> is what a slash takes from withdrawals[currentEpoch + 1].</summary>
    CaptureEpochWithdrawalSlashed,
    /// <summary>The resolver vetoed at or after the veto deadline (VetoSlasher.vetoSlash reverts VetoPeriodEnded): the request
    /// stands and executes; the amount is the request.</summary>
    SlashVetoFailed,
    /// <summary>A shared vault's curator set a network limit (BaseDelegator.setNetworkLimit) or an operator's limit for a network
    /// (FullRestakeDelegator.setOperatorNetworkLimit); the amount is the new limit.</summary>
    VaultLimitSet,
    /// <summary>A staker's deposit the contracts refuse: its operator's slashing factor is 0 (FullySlashed); it stays out.</summary>
    DepositRejected,
    /// <summary>A service's kind halted (detail "halted") or resumed a token's redemptions; the amount is the tokens queued then.</summary>
    RedemptionsHalted,
    /// <summary>An oracle service reported a collateral price to a lending market reading it; the amount is the price (WAD, ETH per token).</summary>
    OracleReport,
}

/// <summary>
/// One loss or shock, with its cause (the fault id the chain started from) and its depth (hops from that fault).
/// Source and target are entities; writers turn them into ids. <see cref="AmountGwei"/> is ETH value in gwei (at the prices the recording entity knew).
/// </summary>
public sealed record CascadeEvent(
    int Tick,
    int Round,
    CascadeEventKind Kind,
    EntityRef Source,
    EntityRef Target,
    long AmountGwei,
    SlashReason? Reason,
    string Cause,
    int Depth,
    string? Detail = null);
