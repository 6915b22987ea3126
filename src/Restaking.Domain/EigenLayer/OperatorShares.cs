using Restaking.Domain.Units;

namespace Restaking.Domain.EigenLayer;

/// <summary>
/// An operator's delegated shares in one strategy (DelegationManager <c>operatorShares</c>) plus the withdrawals its
/// stakers queued from it. op = Σ stakers' withdrawable shares (≥, after rounding: SharesAccountingEdgeCases.md).
/// A slash takes op × (1 − newMax/prevMax) from the delegated shares and the same fraction of every withdrawal queued
/// in the last MIN_WITHDRAWAL_DELAY_BLOCKS (DelegationManager.slashOperatorShares / _getSlashableSharesInQueue, kept in
/// <see cref="QueuedWithdrawals"/>).
/// </summary>
public sealed class OperatorShares
{
    private readonly QueuedWithdrawals queued = new();

    public long Shares { get; private set; }

    /// <summary>Every withdrawal queued from this operator, oldest first (completed ones included: they are past their window).</summary>
    public IReadOnlyList<QueuedWithdrawal> Queued => queued.Items;

    /// <summary>A delegated staker's deposit or delegation (<c>_increaseDelegation</c>).</summary>
    public void Increase(long shares)
    {
        if (shares < 0) throw new ArgumentOutOfRangeException(nameof(shares));
        Shares = checked(Shares + shares);
    }

    /// <summary><c>_decreaseDelegation</c>, e.g. a beacon chain balance decrease; fails rather than go negative.</summary>
    public void Decrease(long shares)
    {
        if (shares < 0 || shares > Shares) throw new ArgumentOutOfRangeException(nameof(shares), $"cannot remove {shares} of {Shares} operator shares");
        Shares -= shares;
    }

    /// <summary>A staker queued <paramref name="withdrawal"/>: its withdrawable shares leave op now (<c>_addQueuedSlashableShares</c> + <c>_decreaseDelegation</c>).</summary>
    public void Queue(QueuedWithdrawal withdrawal)
    {
        if (queued.Count > 0 && withdrawal.StartBlock < queued.Items[^1].StartBlock)
            throw new ArgumentOutOfRangeException(nameof(withdrawal), "withdrawals must be queued in block order");
        Decrease(withdrawal.SharesAtQueue);
        queued.Add(withdrawal);
    }

    /// <summary>Σ scaled shares of withdrawals queued in [block − delay, block]: the ones a slash at <paramref name="block"/> still reaches.</summary>
    public Int128 ScaledSharesInQueue(long block) => queued.ScaledSharesInQueue(block);

    /// <inheritdoc cref="QueuedWithdrawals.SlashableSharesInQueue"/>
    public long SlashableSharesInQueue(long block, MagnitudeSlash change) => queued.SlashableSharesInQueue(block, change);

    /// <summary>
    /// <c>slashOperatorShares</c> for a max magnitude change at <paramref name="block"/>: op loses
    /// calcSlashedAmount(op, prevMax, newMax); the queued part is burned or redistributed too (the withdrawals pay less at
    /// completion because their max magnitude is read at slashableUntil). Returns both parts.
    /// </summary>
    public OperatorSharesSlash Slash(MagnitudeSlash change, long block)
    {
        long fromDelegated = change.SlashedShares(Shares);
        long fromQueue = SlashableSharesInQueue(block, change);
        Shares -= fromDelegated;
        return new OperatorSharesSlash(fromDelegated, fromQueue);
    }
}

/// <summary>Shares one slash took from an operator: from its delegated shares and from withdrawals still in their delay.</summary>
public readonly record struct OperatorSharesSlash(long FromDelegated, long FromQueue)
{
    /// <summary><c>totalDepositSharesToSlash</c>: what goes to the burn address or the redistribution recipient.</summary>
    public long Total => FromDelegated + FromQueue;
}
