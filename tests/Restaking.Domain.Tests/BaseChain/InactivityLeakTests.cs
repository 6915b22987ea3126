using Restaking.Domain.BaseChain;

namespace Restaking.Domain.Tests.BaseChain;

/// <summary>
/// The inactivity leak (consensus-specs Altair process_inactivity_updates / get_inactivity_penalty_deltas with
/// INACTIVITY_PENALTY_QUOTIENT_BELLATRIX = 2^24, get_flag_index_deltas, effective-balance hysteresis;
/// docs/models/base-chain.md "Inactivity leak"), worked by hand for a 32 ETH validator offline in a leak on a network of
/// 34,200,000 ETH active.
/// </summary>
public sealed class InactivityLeakTests
{
    private const long Eth = 1_000_000_000;
    private const long Total = 34_200_000 * Eth;

    [Fact]
    public void Three_epochs_offline_cost_the_missed_attestations_and_a_growing_inactivity_penalty()
    {
        // integer_squareroot(3.42e16) = 184,932,420; base_reward_per_increment = 1e9 × 64 // that = 346; base_reward = 32 × 346 = 11,072.
        Assert.Equal(346, InactivityLeak.BaseRewardPerIncrement(Total));
        // Missed source 11,072 × 14 // 64 = 2,422 and target 11,072 × 26 // 64 = 4,498: 6,920 an epoch, 20,760 over three.
        // Scores 4, 8, 12: 32e9 × score // (4 × 2^24) = 1,907, 3,814, 5,722 → 11,443.
        var loss = InactivityLeak.Offline(32 * Eth, 32 * Eth, Total, 3);
        Assert.Equal(12, loss.InactivityScore);
        Assert.Equal(20_760, loss.AttestationPenaltyGwei);
        Assert.Equal(11_443, loss.InactivityPenaltyGwei);
        Assert.Equal(32 * Eth - 32_203, loss.BalanceGwei);
        Assert.Equal(32 * Eth, loss.EffectiveBalanceGwei);
    }

    [Fact]
    public void The_effective_balance_follows_the_balance_down_once_it_has_lost_a_quarter_eth()
    {
        // With the effective balance at 32, N epochs cost about 1,907.35 × N(N+1)/2 + 6,920 N: 249.1 M gwei at N = 507,
        // 250.1 M at N = 508. Hysteresis (downward threshold 0.25 ETH): the effective balance stays 32 through epoch 507 and
        // drops to ⌊balance⌋ = 31 ETH at epoch 508.
        Assert.Equal(32 * Eth, InactivityLeak.Offline(32 * Eth, 32 * Eth, Total, 507).EffectiveBalanceGwei);
        var after = InactivityLeak.Offline(32 * Eth, 32 * Eth, Total, 508);
        Assert.Equal(31 * Eth, after.EffectiveBalanceGwei);
        Assert.InRange(32 * Eth - after.BalanceGwei, 250_000_001, 250_200_000);
        Assert.Equal(508 * InactivityLeak.InactivityScoreBias, after.InactivityScore);
    }

    [Fact]
    public void No_epochs_no_loss_and_a_balance_never_goes_below_zero()
    {
        var none = InactivityLeak.Offline(32 * Eth, 32 * Eth, Total, 0);
        Assert.Equal((32 * Eth, 0L), (none.BalanceGwei, none.TotalPenaltyGwei));
        // A validator with 1 gwei left loses that gwei and no more (decrease_balance floors at 0).
        var dust = InactivityLeak.Offline(1, 32 * Eth, Total, 1);
        Assert.Equal((0L, 1L), (dust.BalanceGwei, dust.TotalPenaltyGwei));
    }
}
