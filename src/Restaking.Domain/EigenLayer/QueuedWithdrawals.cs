using Restaking.Domain.Checkpoints;
using Restaking.Domain.Units;

namespace Restaking.Domain.EigenLayer;

/// <summary>
/// The withdrawals queued from one operator in one strategy, in block order (DelegationManager
/// <c>_cumulativeScaledSharesHistory</c>): what a slash of the operator still reaches. The contract keeps a cumulative
/// scaled-shares history and subtracts its value at block − delay − 1; the explicit list here gives the same sum.
/// </summary>
public sealed class QueuedWithdrawals
{
    private readonly List<QueuedWithdrawal> queued = [];

    /// <summary>Every withdrawal still held, oldest first (a completed one stays until <see cref="Remove"/>: it is past its window).</summary>
    public IReadOnlyList<QueuedWithdrawal> Items => queued;

    public int Count => queued.Count;

    /// <summary><c>_addQueuedSlashableShares</c>: withdrawals join in block order.</summary>
    public void Add(QueuedWithdrawal withdrawal)
    {
        if (queued.Count > 0 && withdrawal.StartBlock < queued[^1].StartBlock)
            throw new ArgumentOutOfRangeException(nameof(withdrawal), "withdrawals must be queued in block order");
        queued.Add(withdrawal);
    }

    /// <summary>Forgets a completed withdrawal (<c>completeQueuedWithdrawal</c> deletes <c>queuedWithdrawals[root]</c>).</summary>
    public void Remove(QueuedWithdrawal withdrawal)
    {
        if (!queued.Remove(withdrawal)) throw new ArgumentException("that withdrawal is not queued here", nameof(withdrawal));
    }

    /// <summary>Σ scaled shares of withdrawals queued in [block − delay, block]: the ones a slash at <paramref name="block"/> still reaches.</summary>
    public Int128 ScaledSharesInQueue(long block)
    {
        Int128 sum = 0;
        foreach (var w in queued)
            if (w.IsSlashableAt(block)) sum = checked(sum + w.ScaledShares);
        return sum;
    }

    /// <summary>
    /// <c>_getSlashableSharesInQueue</c>: calcSlashedAmount(mulWad(Σ scaled, prevMax), prevMax, newMax) — summed first,
    /// rounded once; 0 when prevMax is 0 (nothing left to slash).
    /// </summary>
    public long SlashableSharesInQueue(long block, MagnitudeSlash change)
    {
        if (change.PreviousMax == 0) return 0;
        long queuedShares = checked((long)Wad.MulDiv(ScaledSharesInQueue(block), change.PreviousMax, Wad.One, Rounding.Down));
        return change.SlashedShares(queuedShares);
    }

    /// <summary>Every withdrawal's four numbers, in queue order (its scaled shares as an <see cref="Int128"/>).</summary>
    public void SaveState(CheckpointWriter writer) =>
        writer.WriteAll(queued, w => { writer.WriteLong(w.StartBlock); writer.WriteInt128(w.ScaledShares); writer.WriteLong(w.SharesAtQueue); writer.WriteLong(w.DelayBlocks); });

    public void RestoreState(CheckpointReader reader)
    {
        var saved = reader.ReadAll(40, () => new QueuedWithdrawal(reader.ReadLong(), reader.ReadInt128(), reader.ReadLong(), reader.ReadLong()));
        queued.Clear();
        foreach (var w in saved)
        {
            if (w.ScaledShares < 0 || w.SharesAtQueue < 0 || w.DelayBlocks < 0)
                throw new CheckpointFormatException($"queued withdrawal out of range: {w}");
            if (queued.Count > 0 && w.StartBlock < queued[^1].StartBlock)
                throw new CheckpointFormatException("queued withdrawals out of block order");
            queued.Add(w);
        }
    }
}
