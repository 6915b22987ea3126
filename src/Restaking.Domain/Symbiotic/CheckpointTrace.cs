namespace Restaking.Domain.Symbiotic;

/// <summary>
/// A value with its history, keyed by timestamp: Symbiotic's <c>Checkpoints.Trace256</c> / <c>Trace208</c>
/// (src/contracts/libraries/Checkpoints.sol, after OpenZeppelin). <c>push</c> at the last key overwrites it,
/// an earlier key is refused; <c>upperLookupRecent(t)</c> is the value of the last checkpoint with key ≤ t,
/// or the default (0, address(0)) when there is none. This is what lets a slash be measured against the stake
/// at its capture timestamp rather than today's.
/// </summary>
public sealed class CheckpointTrace<T>
{
    private readonly List<(long Key, T Value)> checkpoints = [];

    public int Length => checkpoints.Count;

    /// <summary>Every checkpoint, oldest first (what a run's checkpoint saves; pushing them again rebuilds the trace).</summary>
    public IReadOnlyList<(long Key, T Value)> Checkpoints => checkpoints;

    /// <summary><c>latest()</c>: the last value, or the default.</summary>
    public T? Latest => checkpoints.Count == 0 ? default : checkpoints[^1].Value;

    /// <summary><c>latestCheckpoint()</c>: whether any exists, and the last key and value.</summary>
    public (bool Exists, long Key, T? Value) LatestCheckpoint =>
        checkpoints.Count == 0 ? (false, 0, default) : (true, checkpoints[^1].Key, checkpoints[^1].Value);

    /// <summary><c>push(key, value)</c>: appends, or overwrites the last checkpoint when the key is the same.</summary>
    public void Push(long key, T value)
    {
        if (checkpoints.Count > 0)
        {
            long last = checkpoints[^1].Key;
            if (key < last) throw new SymbioticRevertException("CheckpointUnorderedInsertion");
            if (key == last)
            {
                checkpoints[^1] = (key, value);
                return;
            }
        }
        checkpoints.Add((key, value));
    }

    /// <summary><c>pop()</c>: removes the last checkpoint (VetoSlasher.setResolver drops a resolver change not yet in force).</summary>
    public void Pop()
    {
        if (checkpoints.Count == 0) throw new SymbioticRevertException("EmptyTrace");
        checkpoints.RemoveAt(checkpoints.Count - 1);
    }

    /// <summary><c>upperLookupRecent(key)</c>: the value of the last checkpoint with a key ≤ <paramref name="key"/>.</summary>
    public T? UpperLookupRecent(long key)
    {
        int lo = 0, hi = checkpoints.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (checkpoints[mid].Key > key) hi = mid;
            else lo = mid + 1;
        }
        return lo == 0 ? default : checkpoints[lo - 1].Value;
    }
}
