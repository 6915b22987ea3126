using Restaking.Domain.EigenLayer;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.EigenLayer;

/// <summary>Magnitude accounting (ELIP-002, AllocationManager.slashOperator) and its rounding directions.</summary>
public class MagnitudesTests
{
    /// <summary>n / 10000 of WAD, the unit the ELIP-002 example is written in.</summary>
    private static long Bips(long n) => Wad.One / 10_000 * n;

    [Fact]
    public void Elip002_worked_example_AVS_1_slashes_half_of_its_allocation()
    {
        // ELIP-002: AVS_1 2000, AVS_2 2500, EigenDA 2000 of 10000; unallocated 3500.
        var m = new Magnitudes([Bips(2000), Bips(2500), Bips(2000)]);
        Assert.Equal(Wad.One, m.MaxMagnitude);
        Assert.Equal(Bips(6500), m.Encumbered);
        Assert.Equal(Bips(3500), m.MaxMagnitude - m.Encumbered);

        // AVS_1 slashes 50 %: 2000 × 1/2 = 1000 comes off AVS_1, the encumbered and the max magnitude.
        var slash = m.SlashAllocation(0, Wad.One / 2);

        Assert.Equal(Bips(1000), m.Allocation(0));
        Assert.Equal(Bips(2500), m.Allocation(1));
        Assert.Equal(Bips(2000), m.Allocation(2));
        Assert.Equal(Bips(9000), m.MaxMagnitude);
        Assert.Equal(Bips(5500), m.Encumbered);
        Assert.Equal(Bips(3500), m.MaxMagnitude - m.Encumbered); // the unallocated part is untouched
        Assert.Equal(Wad.One, slash.PreviousMax);
        Assert.Equal(Bips(9000), slash.NewMax);
        Assert.Equal(Bips(1000), slash.SlashedMagnitude);

        // 200 delegated shares × 9000 / 10000 = 180.
        Assert.Equal(180, slash.SharesAfter(200));
    }

    [Fact]
    public void Slashed_magnitude_rounds_up()
    {
        // allocation = floor(WAD / 3) = 333333333333333333; × 1/2 = 166666666666666666.5 → ceil 166666666666666667.
        // Rounding down would give 166666666666666666, so the direction is visible.
        var m = new Magnitudes([Wad.One / 3]);
        var slash = m.SlashAllocation(0, Wad.One / 2);

        Assert.Equal(166_666_666_666_666_667L, slash.SlashedMagnitude);
        Assert.Equal(333_333_333_333_333_333L - 166_666_666_666_666_667L, m.Allocation(0)); // 166666666666666666
        Assert.Equal(1_000_000_000_000_000_000L - 166_666_666_666_666_667L, m.MaxMagnitude); // 833333333333333333
        Assert.Equal(m.Allocation(0), m.Encumbered);
    }

    [Fact]
    public void Shares_after_a_slash_round_up_so_the_slashed_amount_rounds_down()
    {
        // Continuing the case above: prevMax = WAD, newMax = 833333333333333333.
        // 7 shares × 833333333333333333 / 1e18 = 5.833333333333333331 → ceil 6 (floor would be 5): 1 share slashed, not 2.
        var m = new Magnitudes([Wad.One / 3]);
        var slash = m.SlashAllocation(0, Wad.One / 2);
        Assert.Equal(6, slash.SharesAfter(7));

        // A bare record: 10 × 2 / 3 = 6.67 → 7 left, 3 slashed (= floor(10 / 3)).
        Assert.Equal(7, new MagnitudeSlash(3, 2).SharesAfter(10));
        // Exact cases do not move: 9 × 2 / 3 = 6.
        Assert.Equal(6, new MagnitudeSlash(3, 2).SharesAfter(9));
        // Nothing left once the max magnitude is zero, and a zero previous max cannot divide by zero.
        Assert.Equal(0, new MagnitudeSlash(5, 0).SharesAfter(1_000));
        Assert.Equal(0, new MagnitudeSlash(0, 0).SharesAfter(1_000));
    }

    [Fact]
    public void Pooled_slash_takes_from_the_whole_max_and_shrinks_every_allocation_in_proportion()
    {
        // ELIP-002 allocations, pooled slash of 10 %: max 1.0 → 0.9 (ceil(WAD × 0.1) = 1e17 exactly),
        // each allocation × 0.9: 2000 → 1800, 2500 → 2250, 2000 → 1800; encumbered 5850 ≤ 9000.
        var m = new Magnitudes([Bips(2000), Bips(2500), Bips(2000)]);
        var slash = m.SlashWhole(Wad.One / 10);

        Assert.Equal(Bips(9000), m.MaxMagnitude);
        Assert.Equal(Bips(1000), slash.SlashedMagnitude);
        Assert.Equal([Bips(1800), Bips(2250), Bips(1800)], new[] { m.Allocation(0), m.Allocation(1), m.Allocation(2) });
        Assert.Equal(Bips(5850), m.Encumbered);
        Assert.Equal(180, slash.SharesAfter(200));
    }

    [Fact]
    public void Pooled_slash_rounds_the_max_up_and_the_allocations_down()
    {
        // wadsToSlash = floor(WAD / 3) + 1 = 333333333333333334 on max = WAD: slashed = 333333333333333334 (exact),
        // new max = 666666666666666666.
        // Allocation floor(WAD / 3) = 333333333333333333 × 666666666666666666 / 1e18
        //   = 222222222222222221.777… → floor 222222222222222221.
        var m = new Magnitudes([Wad.One / 3, Wad.One / 3]);
        var slash = m.SlashWhole(Wad.One / 3 + 1);
        Assert.Equal(666_666_666_666_666_666L, m.MaxMagnitude);
        Assert.Equal(333_333_333_333_333_334L, slash.SlashedMagnitude);
        Assert.Equal(222_222_222_222_222_221L, m.Allocation(0));
        Assert.Equal(222_222_222_222_222_221L, m.Allocation(1));
        Assert.True(m.Encumbered <= m.MaxMagnitude);

        // On max = 3 a slash of 1/2 rounds up: ceil(3 × (WAD/2) / WAD) = ceil(1.5) = 2 (down would be 1).
        var tiny = new Magnitudes([1, 1]);
        tiny.SlashWhole(Wad.One - 3); // max: WAD − ceil(WAD × (WAD − 3) / WAD) = 3
        Assert.Equal(3, tiny.MaxMagnitude);
        var second = tiny.SlashWhole(Wad.One / 2);
        Assert.Equal(2, second.SlashedMagnitude);
        Assert.Equal(1, tiny.MaxMagnitude);
        Assert.True(tiny.Encumbered <= tiny.MaxMagnitude);
    }

    [Fact]
    public void Slashing_everything_leaves_zero()
    {
        var m = new Magnitudes([Bips(2000), Bips(8000)]);
        var slash = m.SlashAllocation(1, Wad.One);
        Assert.Equal(0, m.Allocation(1));
        Assert.Equal(Bips(2000), m.MaxMagnitude);
        Assert.Equal(40, slash.SharesAfter(200)); // 200 × 0.2

        var whole = m.SlashWhole(Wad.One);
        Assert.Equal(0, m.MaxMagnitude);
        Assert.Equal(0, m.Encumbered);
        Assert.Equal(0, whole.SharesAfter(40));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(1_000_000_000_000_000_001L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void Out_of_range_wads_to_slash_throw_and_change_nothing(long wads)
    {
        var m = new Magnitudes([Bips(2000), Bips(2500)]);
        Assert.Throws<ArgumentOutOfRangeException>(() => m.SlashAllocation(0, wads));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.SlashWhole(wads));
        Assert.Equal(Wad.One, m.MaxMagnitude);
        Assert.Equal(Bips(2000), m.Allocation(0));
        Assert.Equal(Bips(4500), m.Encumbered);
    }

    [Fact]
    public void Allocations_above_WAD_or_negative_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new Magnitudes([Bips(6000), Bips(4000) + 1]));
        Assert.Throws<ArgumentException>(() => new Magnitudes([-1]));
        Assert.Equal(Wad.One, new Magnitudes([Bips(6000), Bips(4000)]).Encumbered);
    }
}
