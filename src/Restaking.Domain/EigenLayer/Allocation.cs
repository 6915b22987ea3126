namespace Restaking.Domain.EigenLayer;

/// <summary>
/// One operator set's allocation of one strategy (AllocationManager.md "Allocation"): the magnitude slashable now,
/// plus at most one pending modification — <see cref="PendingDiff"/> (positive: allocation, negative: deallocation)
/// that completes at <see cref="EffectBlock"/> (0 when nothing is pending).
/// </summary>
public readonly record struct Allocation(long CurrentMagnitude, long PendingDiff, long EffectBlock)
{
    public bool IsPending => EffectBlock != 0;

    /// <summary>The magnitude once the pending modification completes.</summary>
    public long TargetMagnitude => CurrentMagnitude + PendingDiff;
}
