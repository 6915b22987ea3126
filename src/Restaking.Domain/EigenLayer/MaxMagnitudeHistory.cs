using Restaking.Domain.Checkpoints;
using Restaking.Domain.Units;

namespace Restaking.Domain.EigenLayer;

/// <summary>
/// An operator's max magnitude for one strategy over time (AllocationManager <c>_maxMagnitudeHistory</c>, a
/// Snapshots.DefaultWadHistory): WAD until the first slash, then one checkpoint per block that changed it.
/// Withdrawal completion reads it at a past block (<c>getMaxMagnitudesAtBlock</c>).
/// </summary>
public sealed class MaxMagnitudeHistory
{
    private readonly List<(long Block, long Value)> checkpoints = [];

    public long Latest => checkpoints.Count == 0 ? Wad.One : checkpoints[^1].Value;

    /// <summary>Records the value from <paramref name="block"/> on; a second push in the same block overwrites it.</summary>
    public void Push(long block, long value)
    {
        if (checkpoints.Count > 0 && block < checkpoints[^1].Block)
            throw new InvalidOperationException($"max magnitude checkpoint at block {block} is before block {checkpoints[^1].Block}");
        if (checkpoints.Count > 0 && checkpoints[^1].Block == block)
            checkpoints[^1] = (block, value);
        else
            checkpoints.Add((block, value));
    }

    /// <summary><c>upperLookup</c>: the value of the last checkpoint at or before <paramref name="block"/>, else WAD.</summary>
    public long At(long block)
    {
        for (int i = checkpoints.Count - 1; i >= 0; i--)
            if (checkpoints[i].Block <= block) return checkpoints[i].Value;
        return Wad.One;
    }

    /// <summary>Every checkpoint, oldest first.</summary>
    public void SaveState(CheckpointWriter writer) => writer.WriteAll(checkpoints, c => { writer.WriteLong(c.Block); writer.WriteLong(c.Value); });

    public void RestoreState(CheckpointReader reader)
    {
        var saved = reader.ReadAll(16, () => (Block: reader.ReadLong(), Value: reader.ReadLong()));
        // The invariants Push keeps: blocks strictly rising, values in [0, WAD].
        for (int i = 0; i < saved.Length; i++)
            if (saved[i].Value < 0 || saved[i].Value > Wad.One || (i > 0 && saved[i].Block <= saved[i - 1].Block))
                throw new CheckpointFormatException($"max magnitude history out of order or range at checkpoint {i}");
        checkpoints.Clear();
        checkpoints.AddRange(saved);
    }
}
