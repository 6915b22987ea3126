using Restaking.Domain.Rewards;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Rewards;

/// <summary>The fee split against cases worked by hand, and its one invariant: the parts sum to the gross.</summary>
public class RewardSplitTests
{
    [Fact]
    public void Bips_are_exact_wads_and_the_presets_are_ten_percent()
    {
        // 1,000 bips = 10 % = 0.1e18; 1 bip = 1e14.
        Assert.Equal(100_000_000_000_000_000, RewardFees.BipsToWad(1_000));
        Assert.Equal(100_000_000_000_000, RewardFees.WadPerBip);
        Assert.Equal(1_000, RewardFees.EigenLayerDefaultOperatorSplitBips);
        Assert.Equal(100_000_000_000_000_000, RewardFees.EigenLayerDefault.OperatorCommissionWad);
        Assert.Equal(100_000_000_000_000_000, RewardFees.LidoStaking.IssuerFeeWad);
        Assert.Throws<ArgumentOutOfRangeException>(() => RewardFees.BipsToWad(10_001));
    }

    [Fact]
    public void The_operator_takes_its_default_ten_percent_of_an_avs_reward()
    {
        // 1 ETH = 1e9 gwei: operator 1e8, no issuer, staker 9e8.
        Assert.Equal(new RewardSplit(1_000_000_000, 100_000_000, 0, 900_000_000), RewardSplit.Of(1_000_000_000, RewardFees.EigenLayerDefault));
    }

    [Fact]
    public void Lido_takes_ten_percent_of_the_staking_rewards()
    {
        // A year of 32 ETH at 3.5 %: 1,120,000,000 gwei; Lido's 10 % = 112,000,000; the holder gets 1,008,000,000.
        Assert.Equal(new RewardSplit(1_120_000_000, 0, 112_000_000, 1_008_000_000), RewardSplit.Of(1_120_000_000, RewardFees.LidoStaking));
    }

    [Fact]
    public void Through_an_lrt_the_issuer_charges_on_what_the_operator_leaves()
    {
        // 1e9 gross: operator 10 % = 1e8; issuer 10 % of 9e8 = 9e7; staker 8.1e8 (81 % of the gross, not 80 %).
        Assert.Equal(new RewardSplit(1_000_000_000, 100_000_000, 90_000_000, 810_000_000), RewardSplit.Of(1_000_000_000, RewardFees.RestakedThroughLrt));
    }

    [Fact]
    public void The_staker_takes_the_rounding_dust()
    {
        // 19 gwei at 10 % / 10 %: operator ⌊1.9⌋ = 1; issuer ⌊18 · 0.1⌋ = ⌊1.8⌋ = 1; staker 19 − 1 − 1 = 17
        // (17 > the 19 · 0.81 = 15.39 an exact split would give).
        Assert.Equal(new RewardSplit(19, 1, 1, 17), RewardSplit.Of(19, RewardFees.RestakedThroughLrt));
        // 9 gwei: ⌊0.9⌋ = 0 and ⌊0.9⌋ = 0: all 9 to the staker.
        Assert.Equal(new RewardSplit(9, 0, 0, 9), RewardSplit.Of(9, RewardFees.RestakedThroughLrt));
    }

    [Fact]
    public void The_parts_always_sum_to_the_gross()
    {
        var random = new Random(11);
        for (int round = 0; round < 1_000; round++)
        {
            long gross = random.NextInt64(0, 1_000_000_000_000_000);
            var fees = new RewardFees(random.NextInt64(0, Wad.One + 1), random.NextInt64(0, Wad.One + 1));
            var split = RewardSplit.Of(gross, fees);
            Assert.Equal(gross, split.OperatorGwei + split.IssuerGwei + split.StakerGwei);
            Assert.True(split.OperatorGwei >= 0 && split.IssuerGwei >= 0 && split.StakerGwei >= 0);
        }
    }

    [Fact]
    public void Splits_add_part_by_part()
    {
        var sum = new RewardSplit(10, 1, 2, 7).Plus(new RewardSplit(100, 10, 20, 70));
        Assert.Equal(new RewardSplit(110, 11, 22, 77), sum);
        Assert.Equal(33, sum.FeesGwei);
    }

    [Fact]
    public void A_fee_above_one_hundred_percent_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RewardFees(Wad.One + 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RewardFees(0, -1));
    }
}
