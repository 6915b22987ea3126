using Restaking.Domain.Lending;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Lending;

/// <summary>Leverage loops: collateral E·L, debt E·(L − 1), possible only while (L − 1) / L ≤ LTV.</summary>
public class LendingPositionTests
{
    private const long Eth = 1_000_000_000;

    private static long Percent(long n) => Wad.One / 100 * n;

    [Fact]
    public void Ten_ETH_looped_ten_times_holds_100_against_90()
    {
        // (10 − 1) / 10 = 0.9 ≤ 0.93.
        Assert.Equal(new LendingPosition(100 * Eth, 90 * Eth), LendingPosition.Loop(10 * Eth, 10 * LendingPosition.OneTimes, Wad.One, Percent(93)));
        // Bought at 0.98 ETH per token: 100 / 0.98 = 102.040816326 tokens (rounded down).
        Assert.Equal(new LendingPosition(102_040_816_326, 90 * Eth), LendingPosition.Loop(10 * Eth, 10 * LendingPosition.OneTimes, Percent(98), Percent(93)));
        // No leverage, no debt.
        Assert.Equal(new LendingPosition(10 * Eth, 0), LendingPosition.Loop(10 * Eth, LendingPosition.OneTimes, Wad.One, 0));
    }

    [Fact]
    public void Leverage_is_bounded_by_LTV()
    {
        // 20×: (20 − 1) / 20 = 0.95, allowed at LTV 95 %, not at 93 %.
        Assert.Equal(new LendingPosition(200 * Eth, 190 * Eth), LendingPosition.Loop(10 * Eth, 20 * LendingPosition.OneTimes, Wad.One, Percent(95)));
        Assert.Throws<ArgumentException>(() => LendingPosition.Loop(10 * Eth, 20 * LendingPosition.OneTimes, Wad.One, Percent(93)));
        Assert.Throws<ArgumentOutOfRangeException>(() => LendingPosition.Loop(10 * Eth, LendingPosition.OneTimes / 2, Wad.One, Percent(93)));
    }
}
