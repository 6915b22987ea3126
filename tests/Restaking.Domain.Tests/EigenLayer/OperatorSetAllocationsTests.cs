using Restaking.Domain.EigenLayer;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.EigenLayer;

/// <summary>
/// Allocation modifications and slashing across operator sets (eigenlayer-contracts docs/core/AllocationManager.md
/// "modifyAllocations", "slashOperator", "setAllocationDelay"; ELIP-002 "Unique Stake Allocation & Deallocation").
/// </summary>
public class OperatorSetAllocationsTests
{
    private static readonly OperatorSet Avs1 = new("avs-1", 0);
    private static readonly OperatorSet Avs2 = new("avs-2", 0);
    private static readonly OperatorSet EigenDa = new("eigenda", 0);

    /// <summary>n / 10000 of WAD, the unit the ELIP-002 example is written in.</summary>
    private static long Bips(long n) => Wad.One / 10_000 * n;

    /// <summary>An operator registered at block 0 with the given allocation delay (applies at once: newlyRegistered).</summary>
    private static OperatorSetAllocations Operator(long allocationDelay) =>
        new(AllocationDelay.AtRegistration(allocationDelay, 0));

    [Fact]
    public void Elip002_worked_example_through_operator_set_allocations()
    {
        // ELIP-002: AVS_1 2000, AVS_2 2500, EigenDA 2000 of 10000, 3500 unallocated; AVS_1 slashes 50 %.
        var op = Operator(0);
        op.ModifyAllocation(Avs1, Bips(2000), 1);
        op.ModifyAllocation(Avs2, Bips(2500), 1);
        op.ModifyAllocation(EigenDa, Bips(2000), 1);
        Assert.Equal(Bips(6500), op.EncumberedMagnitude);
        Assert.Equal(Bips(3500), op.AllocatableMagnitude);

        var slash = op.Slash(Avs1, Wad.One / 2, 2);

        Assert.Equal(Bips(1000), slash.SlashedMagnitude);
        Assert.Equal(Bips(1000), op.AllocationOf(Avs1).CurrentMagnitude);
        Assert.Equal(Bips(2500), op.AllocationOf(Avs2).CurrentMagnitude);
        Assert.Equal(Bips(2000), op.AllocationOf(EigenDa).CurrentMagnitude);
        Assert.Equal(Bips(9000), op.MaxMagnitude);
        Assert.Equal(Bips(5500), op.EncumberedMagnitude);
        Assert.Equal(Bips(3500), op.AllocatableMagnitude);
        // wadSlashed = 1000 / 10000 of the max magnitude; 200 delegated shares → 180.
        Assert.Equal(Wad.One / 10, slash.WadSlashed);
        Assert.Equal(180, slash.MaxMagnitudeChange.SharesAfter(200));
        Assert.Equal(20, slash.MaxMagnitudeChange.SlashedShares(200));
    }

    [Fact]
    public void An_increase_is_encumbered_at_once_but_slashable_only_after_the_allocation_delay()
    {
        // Delay 7,200 blocks; allocate 0.3 at block 1,000 → effect block 8,200 (block + delay, AllocationManager step 4).
        var op = Operator(7_200);
        var pending = op.ModifyAllocation(Avs1, Wad.One / 10 * 3, 1_000);
        Assert.Equal(new Allocation(0, Wad.One / 10 * 3, 8_200), pending);
        Assert.Equal(Wad.One / 10 * 3, op.EncumberedMagnitude);
        Assert.Equal(Wad.One / 10 * 7, op.AllocatableMagnitude);

        // One block early: nothing is slashable yet and the slash takes nothing.
        Assert.Equal(0, op.SlashableMagnitude(Avs1, 8_199));
        var early = op.Slash(Avs1, Wad.One / 2, 8_199);
        Assert.Equal(0, early.SlashedMagnitude);
        Assert.Equal(Wad.One, op.MaxMagnitude);
        Assert.Equal(Wad.One / 10 * 3, op.AllocationOf(Avs1).PendingDiff); // the pending increase is untouched

        // At the effect block the increase completes: ceil(0.3 × 0.5) = 0.15 is slashed.
        Assert.Equal(Wad.One / 10 * 3, op.SlashableMagnitude(Avs1, 8_200));
        var slash = op.Slash(Avs1, Wad.One / 2, 8_200);
        Assert.Equal(Wad.One / 100 * 15, slash.SlashedMagnitude);
        Assert.Equal(new Allocation(Wad.One / 100 * 15, 0, 0), op.AllocationOf(Avs1));
        Assert.Equal(Wad.One / 100 * 85, op.MaxMagnitude);
        Assert.Equal(Wad.One / 100 * 15, op.EncumberedMagnitude);
    }

    [Fact]
    public void Allocations_beyond_the_max_magnitude_are_rejected_and_change_nothing()
    {
        var op = Operator(0);
        op.ModifyAllocation(Avs1, Bips(6000), 1);
        var ex = Assert.Throws<InvalidOperationException>(() => op.ModifyAllocation(Avs2, Bips(4000) + 1, 1));
        Assert.Contains("InsufficientMagnitude", ex.Message);
        Assert.Equal(default, op.AllocationOf(Avs2));
        Assert.Equal(Bips(6000), op.EncumberedMagnitude);
        op.ModifyAllocation(Avs2, Bips(4000), 1); // exactly the rest fits

        // After a 50 % slash of Avs1 (6000 → 3000) the max is 7000 and 3000 + 4000 uses all of it: nothing more fits.
        op.Slash(Avs1, Wad.One / 2, 2);
        Assert.Equal(Bips(7000), op.MaxMagnitude);
        Assert.Equal(0, op.AllocatableMagnitude);
        Assert.Throws<InvalidOperationException>(() => op.ModifyAllocation(EigenDa, 1, 3));
    }

    [Fact]
    public void A_deallocation_stays_slashable_for_the_deallocation_delay_and_is_slashed_in_proportion()
    {
        // 0.5 allocated at block 0 (delay 0). At block 10,000 deallocate to 0.2: pendingDiff −0.3, effect block
        // 10,000 + 100,800 + 1 = 110,801 (DEALLOCATION_DELAY + 1, so blocks up to 110,800 can still slash it).
        var op = Operator(0);
        op.ModifyAllocation(Avs1, Wad.One / 2, 0);
        var pending = op.ModifyAllocation(Avs1, Wad.One / 5, 10_000);
        Assert.Equal(new Allocation(Wad.One / 2, -Wad.One / 10 * 3, 110_801), pending);
        Assert.Equal(Wad.One / 2, op.EncumberedMagnitude); // not freed yet
        Assert.Equal(Wad.One / 2, op.SlashableMagnitude(Avs1, 110_800));

        // Slash 50 % at block 60,000: current 0.5 → 0.25 (ceil(0.5 × 0.5) = 0.25), and the pending −0.3 shrinks by
        // ceil(0.3 × 0.5) = 0.15 to −0.15 (AllocationManager._slashOperator step 4), so 0.1 = 0.2 × 0.5 will remain.
        var slash = op.Slash(Avs1, Wad.One / 2, 60_000);
        Assert.Equal(Wad.One / 4, slash.SlashedMagnitude);
        Assert.Equal(Wad.One / 100 * 15, slash.SlashedPendingMagnitude);
        Assert.Equal(new Allocation(Wad.One / 4, -Wad.One / 100 * 15, 110_801), op.AllocationOf(Avs1));
        Assert.Equal(Wad.One / 4 * 3, op.MaxMagnitude);
        Assert.Equal(Wad.One / 4, op.EncumberedMagnitude);

        // Block 110,800 is the last slashable block of the old allocation: a 10 % slash takes ceil(0.25 × 0.1) = 0.025
        // and the pending diff shrinks by ceil(0.15 × 0.1) = 0.015 to −0.135.
        op.Advance(110_800);
        Assert.True(op.AllocationOf(Avs1).IsPending);
        var last = op.Slash(Avs1, Wad.One / 10, 110_800);
        Assert.Equal(Wad.One / 1000 * 25, last.SlashedMagnitude);
        Assert.Equal(new Allocation(Wad.One / 1000 * 225, -Wad.One / 1000 * 135, 110_801), op.AllocationOf(Avs1));

        // At 110,801 the deallocation completes: 0.225 − 0.135 = 0.09 = 0.2 × 0.5 × 0.9, and only then is the
        // deallocated 0.135 freed from the encumbered magnitude.
        Assert.Equal(Wad.One / 1000 * 225, op.EncumberedMagnitude);
        op.Advance(110_801);
        Assert.Equal(new Allocation(Wad.One / 100 * 9, 0, 0), op.AllocationOf(Avs1));
        Assert.Equal(Wad.One / 100 * 9, op.EncumberedMagnitude);
        Assert.Equal(Wad.One / 1000 * 725, op.MaxMagnitude); // 1 − 0.25 − 0.025
        Assert.Equal(Wad.One / 1000 * 635, op.AllocatableMagnitude);

        // A later slash only reaches what is still allocated: ceil(0.09 × 0.5) = 0.045.
        Assert.Equal(Wad.One / 1000 * 45, op.Slash(Avs1, Wad.One / 2, 110_802).SlashedMagnitude);
    }

    [Fact]
    public void The_pending_deallocation_slash_rounds_up_too()
    {
        // Allocate 5 wei, deallocate to 2 (pendingDiff −3). Slash WAD/2: current loses ceil(2.5) = 3 (5 → 2),
        // pending loses ceil(1.5) = 2 (−3 → −1), so 2 − 1 = 1 remains (= 2 × 1/2). Rounding down would give 3 and −2.
        var op = Operator(0);
        op.ModifyAllocation(Avs1, 5, 0);
        op.ModifyAllocation(Avs1, 2, 1);
        var slash = op.Slash(Avs1, Wad.One / 2, 2);
        Assert.Equal(3, slash.SlashedMagnitude);
        Assert.Equal(2, slash.SlashedPendingMagnitude);
        Assert.Equal(new Allocation(2, -1, 1 + EigenLayerDelays.Deallocation + 1), op.AllocationOf(Avs1));
        Assert.Equal(Wad.One - 3, op.MaxMagnitude);
        Assert.Equal(2, op.EncumberedMagnitude);

        op.Advance(1 + EigenLayerDelays.Deallocation + 1);
        Assert.Equal(1, op.AllocationOf(Avs1).CurrentMagnitude);
        Assert.Equal(1, op.EncumberedMagnitude);
    }

    [Fact]
    public void Slashing_one_set_leaves_other_sets_and_their_pending_increases_alone()
    {
        // Avs1 0.4 live; Avs2 gets +0.3 pending (delay 100). Slashing Avs1 fully: max 1 → 0.6, encumbered 0.7 → 0.3,
        // Avs2 still pending +0.3 and still encumbered (0.3 ≤ 0.6).
        var op = new OperatorSetAllocations(AllocationDelay.AtRegistration(100, 0));
        op.ModifyAllocation(Avs1, Wad.One / 10 * 4, 0);
        op.Advance(100);
        op.ModifyAllocation(Avs2, Wad.One / 10 * 3, 100);
        var slash = op.Slash(Avs1, Wad.One, 150);
        Assert.Equal(Wad.One / 10 * 4, slash.SlashedMagnitude);
        Assert.Equal(0, op.AllocationOf(Avs1).CurrentMagnitude);
        Assert.Equal(new Allocation(0, Wad.One / 10 * 3, 200), op.AllocationOf(Avs2));
        Assert.Equal(Wad.One / 10 * 6, op.MaxMagnitude);
        Assert.Equal(Wad.One / 10 * 3, op.EncumberedMagnitude);
        op.Advance(200);
        Assert.Equal(Wad.One / 10 * 3, op.AllocationOf(Avs2).CurrentMagnitude);
    }

    [Fact]
    public void Modification_rules_pending_same_magnitude_unset_delay_and_unslashable_deallocation()
    {
        var op = Operator(10);
        op.ModifyAllocation(Avs1, Wad.One / 2, 0);
        Assert.Contains("ModificationAlreadyPending", Assert.Throws<InvalidOperationException>(() => op.ModifyAllocation(Avs1, Wad.One / 4, 9)).Message);
        op.ModifyAllocation(Avs1, Wad.One / 4, 10); // the increase completed at block 10, so this is a new (decrease) modification
        Assert.Equal(new Allocation(Wad.One / 2, -Wad.One / 4, 10 + EigenLayerDelays.Deallocation + 1), op.AllocationOf(Avs1));

        op.ModifyAllocation(Avs2, Wad.One / 4, 20);
        op.Advance(30);
        Assert.Contains("SameMagnitude", Assert.Throws<InvalidOperationException>(() => op.ModifyAllocation(Avs2, Wad.One / 4, 30)).Message);

        // An operator no longer slashable by Avs2 (deregistered and past its window) deallocates at once.
        var instant = op.ModifyAllocation(Avs2, 0, 31, operatorSlashable: false);
        Assert.Equal(new Allocation(0, 0, 0), instant);
        Assert.Equal(Wad.One / 2, op.EncumberedMagnitude); // only Avs1's 0.5 (its decrease is still pending)

        var unset = new OperatorSetAllocations(AllocationDelay.Unset());
        Assert.Contains("UninitializedAllocationDelay", Assert.Throws<InvalidOperationException>(() => unset.ModifyAllocation(Avs1, 1, 0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => op.ModifyAllocation(EigenDa, -1, 40));
        Assert.Throws<ArgumentOutOfRangeException>(() => op.Advance(30)); // blocks never go back (the last call was at block 31)
    }

    [Fact]
    public void Changing_the_allocation_delay_waits_for_the_configuration_delay()
    {
        // Registered with 100; at block 1,000 the operator asks for 10: effect block 1,000 + 126,000 + 1 = 127,001.
        var delay = AllocationDelay.AtRegistration(100, 0);
        delay.Change(10, 1_000);
        Assert.Equal((true, 100L), delay.At(127_000));
        Assert.Equal((true, 10L), delay.At(127_001));

        var op = new OperatorSetAllocations(delay);
        Assert.Equal(127_000 + 100, op.ModifyAllocation(Avs1, 1, 127_000).EffectBlock);
        Assert.Equal(127_001 + 10, op.ModifyAllocation(Avs2, 1, 127_001).EffectBlock);

        // An operator from before the slashing release sets its first delay: it cannot allocate until it applies.
        var legacy = AllocationDelay.Unset();
        legacy.Change(0, 5);
        Assert.Equal((false, 0L), legacy.At(5 + EigenLayerDelays.AllocationConfiguration));
        Assert.Equal((true, 0L), legacy.At(5 + EigenLayerDelays.AllocationConfiguration + 1));
    }

    [Fact]
    public void The_max_magnitude_history_answers_for_past_blocks()
    {
        var op = Operator(0);
        op.ModifyAllocation(Avs1, Wad.One / 2, 0);
        op.Slash(Avs1, Wad.One / 2, 100);   // 1 → 0.75
        op.Slash(Avs1, Wad.One / 5, 100);   // same block, overwritten: ceil(0.25 × 0.2) = 0.05 → 0.7
        op.Slash(Avs1, Wad.One, 300); // all of the remaining 0.2 → 0.5
        Assert.Equal(Wad.One, op.History.At(99));
        Assert.Equal(Wad.One / 10 * 7, op.History.At(100));
        Assert.Equal(Wad.One / 10 * 7, op.History.At(299));
        Assert.Equal(Wad.One / 2, op.History.At(300));
        Assert.Equal(Wad.One / 2, op.MaxMagnitude);
        Assert.Equal(0, op.AllocationOf(Avs1).CurrentMagnitude);
        // Nothing allocated any more: a further slash is a no-op (the contract's `continue`).
        Assert.Equal(0, op.Slash(Avs1, Wad.One, 400).SlashedMagnitude);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(1_000_000_000_000_000_001L)]
    public void Out_of_range_wads_to_slash_throw(long wads)
    {
        var op = Operator(0);
        op.ModifyAllocation(Avs1, Wad.One / 2, 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => op.Slash(Avs1, wads, 1));
        Assert.Equal(Wad.One, op.MaxMagnitude);
    }
}
