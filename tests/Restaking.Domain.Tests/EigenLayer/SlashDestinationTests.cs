using Restaking.Domain.EigenLayer;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.EigenLayer;

/// <summary>Where slashed shares go: burn vs ELIP-006 redistribution (AllocationManager.getRedistributionRecipient).</summary>
public class SlashDestinationTests
{
    private static readonly long Eth = Gwei.PerEth;

    [Fact]
    public void A_set_without_a_recipient_burns_to_the_default_burn_address()
    {
        var burn = SlashDestination.ForOperatorSet(null);
        Assert.Equal(SlashDestination.Burn, burn);
        Assert.False(burn.Redistributes);
        Assert.Equal("0x00000000000000000000000000000000000E16E4", burn.Recipient);
        Assert.Equal(SlashDestination.Burn, SlashDestination.ForOperatorSet(""));

        var redistribute = SlashDestination.ForOperatorSet("0xInsuranceFund");
        Assert.True(redistribute.Redistributes);
        Assert.Equal("0xInsuranceFund", redistribute.Recipient);
        Assert.Throws<ArgumentException>(() => SlashDestination.RedistributeTo(SlashDestination.DefaultBurnAddress.ToLowerInvariant()));
    }

    [Fact]
    public void Slashed_shares_are_tallied_by_destination_and_native_ETH_stays_locked()
    {
        var funds = new SlashedFunds();
        funds.Record(SlashDestination.Burn, 800 * Eth);
        funds.Record(SlashDestination.RedistributeTo("0xInsuranceFund"), 300 * Eth);
        funds.Record(SlashDestination.RedistributeTo("0xinsurancefund"), 20 * Eth); // addresses are case-insensitive
        funds.Record(SlashDestination.RedistributeTo("0xLender"), 5 * Eth);
        funds.Record(SlashDestination.Burn, 7 * Eth, beaconChainEth: true);

        Assert.Equal(800 * Eth, funds.Burned);
        Assert.Equal(320 * Eth, funds.RedistributedTo("0xInsuranceFund"));
        Assert.Equal(5 * Eth, funds.RedistributedTo("0xLender"));
        Assert.Equal(325 * Eth, funds.TotalRedistributed);
        Assert.Equal(7 * Eth, funds.LockedInEigenPods);
        Assert.Equal(1_132 * Eth, funds.Total);
        Assert.Equal(0, funds.RedistributedTo("0xNobody"));

        // Redistributing sets cannot hold beacon chain ETH (AllocationManager._addStrategyToOperatorSet: InvalidStrategy).
        Assert.Throws<InvalidOperationException>(() => funds.Record(SlashDestination.RedistributeTo("0xLender"), 1, beaconChainEth: true));
        Assert.Equal(1_132 * Eth, funds.Total);
    }

    [Fact]
    public void A_slash_of_a_redistributing_set_pays_its_recipient_what_the_operator_and_queue_lost()
    {
        // Two sets, 0.5 each. The redistributing set slashes 40 % of its 0.5: max 1 → 0.8. 1,000 delegated shares lose
        // 1,000 − ceil(1,000 × 0.8) = 200, plus a 100-share withdrawal queued 10 blocks ago loses 100 − ceil(100 × 0.8) = 20.
        var lending = new OperatorSet("lending-avs", 0);
        var oracle = new OperatorSet("oracle-avs", 0);
        var destinations = new Dictionary<OperatorSet, SlashDestination>
        {
            [lending] = SlashDestination.ForOperatorSet("0xLendingPool"),
            [oracle] = SlashDestination.ForOperatorSet(null),
        };
        var magnitudes = new OperatorSetAllocations(AllocationDelay.AtRegistration(0, 0));
        magnitudes.ModifyAllocation(lending, Wad.One / 2, 0);
        magnitudes.ModifyAllocation(oracle, Wad.One / 2, 0);
        long delegated = 1_000 * Eth;
        var queue = new QueuedWithdrawals();
        queue.Add(new QueuedWithdrawal(90, 100 * Eth, 100 * Eth));

        var funds = new SlashedFunds();
        var slash = magnitudes.Slash(lending, Wad.One / 10 * 4, 100);
        var (fromDelegated, fromQueue) = (slash.MaxMagnitudeChange.SlashedShares(delegated), queue.SlashableSharesInQueue(100, slash.MaxMagnitudeChange));
        delegated -= fromDelegated;
        funds.Record(destinations[slash.OperatorSet], fromDelegated + fromQueue);

        Assert.Equal(Wad.One / 10 * 8, magnitudes.MaxMagnitude);
        Assert.Equal((200 * Eth, 20 * Eth), (fromDelegated, fromQueue));
        Assert.Equal(220 * Eth, funds.RedistributedTo("0xLendingPool"));
        Assert.Equal(0, funds.Burned);

        // The burning set then slashes all of its 0.5: max 0.8 → 0.3; 800 delegated lose 800 − ceil(800 × 3/8) = 500,
        // the queued withdrawal (q = 100 at prevMax 0.8 → 80) loses 80 − 30 = 50.
        var burn = magnitudes.Slash(oracle, Wad.One, 101);
        (fromDelegated, fromQueue) = (burn.MaxMagnitudeChange.SlashedShares(delegated), queue.SlashableSharesInQueue(101, burn.MaxMagnitudeChange));
        delegated -= fromDelegated;
        funds.Record(destinations[burn.OperatorSet], fromDelegated + fromQueue);
        Assert.Equal((500 * Eth, 50 * Eth), (fromDelegated, fromQueue));
        Assert.Equal(550 * Eth, funds.Burned);
        Assert.Equal(300 * Eth, delegated);
    }
}
