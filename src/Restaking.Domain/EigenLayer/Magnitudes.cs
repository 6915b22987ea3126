using Restaking.Domain.Checkpoints;
using Restaking.Domain.Units;

namespace Restaking.Domain.EigenLayer;

/// <summary>
/// One operator's magnitudes for one strategy (ELIP-002; eigenlayer-contracts docs/core/AllocationManager.md).
/// <c>MaxMagnitude</c> starts at WAD and only decreases; it splits into allocations to operator sets (services)
/// plus an unallocated rest, so Σ allocations (the encumbered magnitude) ≤ MaxMagnitude.
/// </summary>
public sealed class Magnitudes
{
    private readonly long[] allocations;

    public Magnitudes(IReadOnlyList<long> allocationWads)
    {
        allocations = allocationWads.ToArray();
        MaxMagnitude = Wad.One;
        if (allocations.Any(a => a < 0) || Encumbered > MaxMagnitude)
            throw new ArgumentException("allocations must be non-negative and sum to at most WAD");
    }

    public long MaxMagnitude { get; private set; }

    public long Encumbered => allocations.Sum();

    public long Allocation(int index) => allocations[index];

    public int Count => allocations.Length;

    /// <summary>
    /// <c>slashOperator(wadsToSlash)</c> against one allocation: the slashed magnitude is
    /// ceil(allocation × wadsToSlash / WAD) and comes off the allocation, the encumbered and the max magnitude alike;
    /// other allocations keep their absolute size (AllocationManager.slashOperator).
    /// </summary>
    public MagnitudeSlash SlashAllocation(int index, long wadsToSlash)
    {
        RequireWads(wadsToSlash);
        long slashed = Wad.Mul(allocations[index], wadsToSlash, Rounding.Up);
        allocations[index] -= slashed;
        return Reduce(slashed);
    }

    /// <summary>
    /// Pooled (full) restake has no allocations: a slash of w takes w of everything the operator holds,
    /// i.e. ceil(maxMagnitude × w / WAD), and every allocation shrinks in proportion (rounded down, so Σ stays ≤ max).
    /// </summary>
    public MagnitudeSlash SlashWhole(long wadsToSlash)
    {
        RequireWads(wadsToSlash);
        long prev = MaxMagnitude;
        long slashed = Wad.Mul(prev, wadsToSlash, Rounding.Up);
        if (prev > 0)
            for (int i = 0; i < allocations.Length; i++)
                allocations[i] = Wad.MulDiv(allocations[i], prev - slashed, prev, Rounding.Down);
        return Reduce(slashed);
    }

    /// <summary>Both numbers a slash changes: the max magnitude and every allocation.</summary>
    public void SaveState(CheckpointWriter writer)
    {
        writer.WriteLong(MaxMagnitude);
        writer.WriteLongs(allocations);
    }

    public void RestoreState(CheckpointReader reader)
    {
        long max = reader.ReadLong();
        var saved = reader.ReadLongs();
        CheckpointReader.RequireCount(saved.Length, allocations.Length, "allocations");
        // The invariants slashing keeps: 0 ≤ allocation, Σ allocations ≤ max ≤ WAD.
        if (max < 0 || max > Wad.One || saved.Any(a => a < 0) || saved.Sum() > max)
            throw new CheckpointFormatException($"magnitudes out of range: max {max}, allocations [{string.Join(", ", saved)}]");
        MaxMagnitude = max;
        saved.CopyTo(allocations, 0);
    }

    private MagnitudeSlash Reduce(long slashed)
    {
        long prev = MaxMagnitude;
        MaxMagnitude = prev - slashed;
        return new MagnitudeSlash(prev, MaxMagnitude);
    }

    private static void RequireWads(long wadsToSlash)
    {
        // AllocationManager requires 0 < wadsToSlash <= WAD.
        if (wadsToSlash <= 0 || wadsToSlash > Wad.One)
            throw new ArgumentOutOfRangeException(nameof(wadsToSlash), "wadsToSlash must be in (0, WAD]");
    }
}

/// <summary>The max magnitude before and after one slash.</summary>
public readonly record struct MagnitudeSlash(long PreviousMax, long NewMax)
{
    public long SlashedMagnitude => PreviousMax - NewMax;

    /// <summary>
    /// Operator shares left after the slash: ceil(shares × newMax / prevMax), so the slashed amount
    /// (shares − result) rounds down (SlashingLib.calcSlashedAmount).
    /// </summary>
    public long SharesAfter(long shares) =>
        PreviousMax == 0 ? 0 : Wad.MulDiv(shares, NewMax, PreviousMax, Rounding.Up);

    /// <summary>SlashingLib.calcSlashedAmount: shares − <see cref="SharesAfter"/>, i.e. the slashed amount rounded down.</summary>
    public long SlashedShares(long shares) => shares - SharesAfter(shares);
}
