using Restaking.Domain.Rewards;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Rewards;

/// <summary>Simple accrual against cases worked by hand (each comment shows the working).</summary>
public class AccrualTests
{
    private const long Eth = 1_000_000_000;           // gwei
    private const long HalfYear = 15_768_000;          // 182.5 days
    private const long Day = 86_400;

    [Fact]
    public void A_year_is_365_days()
    {
        // 365 · 24 · 3,600 = 31,536,000 s.
        Assert.Equal(31_536_000, Accrual.SecondsPerYear);
    }

    [Fact]
    public void Thirty_two_eth_at_the_base_rate_earn_the_rate_over_a_year_and_half_over_half_a_year()
    {
        // 32 ETH · 3.5 % = 1.12 ETH = 1,120,000,000 gwei; half a year: 560,000,000 gwei.
        Assert.Equal(1_120_000_000, RewardRate.BaseStaking.Accrue(32 * Eth, Accrual.SecondsPerYear));
        Assert.Equal(560_000_000, RewardRate.BaseStaking.Accrue(32 * Eth, HalfYear));
    }

    [Fact]
    public void A_day_is_rounded_down_to_the_gwei()
    {
        // 32e9 · 0.035 · 86,400 / 31,536,000 = 1.12e9 / 365 = 3,068,493.15… → 3,068,493.
        Assert.Equal(3_068_493, RewardRate.BaseStaking.Accrue(32 * Eth, Day));
        // 1 gwei at 100 % for one second: 1 / 31,536,000 → 0.
        Assert.Equal(0, Accrual.Simple(1, Wad.One, 1));
        // 31,536,000 gwei at 100 % for one second: exactly 1.
        Assert.Equal(1, Accrual.Simple(31_536_000, Wad.One, 1));
    }

    [Fact]
    public void Rewards_do_not_compound_within_a_run()
    {
        // Two half years earn what one year does: 560,000,000 · 2 = 1,120,000,000 (no interest on the first half).
        long twoHalves = RewardRate.BaseStaking.Accrue(32 * Eth, HalfYear) * 2;
        Assert.Equal(RewardRate.BaseStaking.Accrue(32 * Eth, Accrual.SecondsPerYear), twoHalves);
    }

    [Fact]
    public void All_staked_eth_at_100_percent_for_ten_years_does_not_overflow()
    {
        // 120M ETH = 1.2e17 gwei; 1.2e17 · 1e18 · 315,360,000 ≈ 3.8e43 passes Int128; the reward is 10 · 1.2e17 = 1.2e18.
        Assert.Equal(1_200_000_000_000_000_000, Accrual.Simple(120_000_000 * Eth, Wad.One, 10 * Accrual.SecondsPerYear));
    }

    [Fact]
    public void Rates_are_exact_wads()
    {
        // 3.5 % = 0.035 · 1e18; 2 % = 0.02 · 1e18.
        Assert.Equal(35_000_000_000_000_000, RewardRate.BaseStaking.AprWad);
        Assert.Equal(20_000_000_000_000_000, RewardRate.FromFraction(0.02m).AprWad);
        Assert.Equal(0, RewardRate.Zero.Accrue(32 * Eth, Accrual.SecondsPerYear));
    }

    [Fact]
    public void Negative_inputs_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RewardRate(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Accrual.Simple(-1, Wad.One, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Accrual.Simple(1, Wad.One, -1));
    }
}
