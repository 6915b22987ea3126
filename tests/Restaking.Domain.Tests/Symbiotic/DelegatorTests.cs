using Restaking.Domain.Symbiotic;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Symbiotic;

/// <summary>The delegators' <c>_stake</c> / <c>_stakeAt</c> and the network limit ceiling (BaseDelegator.setMaxNetworkLimit).</summary>
public class DelegatorTests
{
    private static long Eth(long eth) => Gwei.FromEth(eth);

    private static void Limit(Delegator delegator, string network, long amount, long now)
    {
        delegator.SetMaxNetworkLimit(network, amount, now);
        delegator.SetNetworkLimit(network, amount, now);
    }

    [Fact]
    public void Network_restake_restakes_across_networks_and_splits_by_shares_within_one()
    {
        // NetworkRestakeDelegator._stake: shares × min(active, networkLimit) / totalShares.
        var d = new NetworkRestakeDelegator();
        Limit(d, "A", Eth(600), 1);
        Limit(d, "B", Eth(2000), 1);
        d.SetOperatorNetworkShares("A", "x", 1, 1);
        d.SetOperatorNetworkShares("A", "y", 2, 1);
        d.SetOperatorNetworkShares("B", "x", 1, 1);

        // A: min(1000, 600) = 600 split 1 : 2 → x 200, y 400.
        Assert.Equal(Eth(200), d.Stake("A", "x", Eth(1000)));
        Assert.Equal(Eth(400), d.Stake("A", "y", Eth(1000)));
        // B: min(1000, 2000) = 1000, all to x. x backs 200 + 1000 = 1200 > 1000: the collateral is restaked across networks.
        Assert.Equal(Eth(1000), d.Stake("B", "x", Eth(1000)));
        // An operator without shares, or a network without any, gets nothing.
        Assert.Equal(0, d.Stake("B", "y", Eth(1000)));
        Assert.Equal(0, d.Stake("C", "x", Eth(1000)));

        // Setting x's shares on A to 3 moves the total to 3 − 1 + 2 = 5: x = 600 × 3/5 = 360, y = 600 × 2/5 = 240.
        d.SetOperatorNetworkShares("A", "x", 3, 2);
        Assert.Equal(5, d.TotalOperatorNetworkShares("A"));
        Assert.Equal(Eth(360), d.Stake("A", "x", Eth(1000)));
        Assert.Equal(Eth(240), d.Stake("A", "y", Eth(1000)));
    }

    [Fact]
    public void Network_restake_rounds_each_operator_down()
    {
        // Limit 100 gwei, shares 1 : 2: x = ⌊100/3⌋ = 33, y = ⌊200/3⌋ = 66; 99 of 100 handed out (Math.mulDiv floors).
        var d = new NetworkRestakeDelegator();
        Limit(d, "A", 100, 1);
        d.SetOperatorNetworkShares("A", "x", 1, 1);
        d.SetOperatorNetworkShares("A", "y", 2, 1);
        Assert.Equal(33, d.Stake("A", "x", 1_000));
        Assert.Equal(66, d.Stake("A", "y", 1_000));
    }

    [Fact]
    public void Full_restake_gives_every_pair_the_minimum_of_stake_and_both_limits()
    {
        // FullRestakeDelegator._stake = min(active, networkLimit, operatorNetworkLimit), active 1000.
        var d = new FullRestakeDelegator();
        Limit(d, "A", Eth(800), 1);
        Limit(d, "B", Eth(800), 1);
        d.SetOperatorNetworkLimit("A", "x", Eth(500), 1);
        d.SetOperatorNetworkLimit("A", "y", Eth(900), 1);
        d.SetOperatorNetworkLimit("B", "x", Eth(1000), 1);

        Assert.Equal(Eth(500), d.Stake("A", "x", Eth(1000))); // min(1000, 800, 500)
        Assert.Equal(Eth(800), d.Stake("A", "y", Eth(1000))); // min(1000, 800, 900)
        Assert.Equal(Eth(800), d.Stake("B", "x", Eth(1000))); // min(1000, 800, 1000)
        // 500 + 800 + 800 = 2100 of stake on 1000 of collateral: the same ETH backs every pair in full.
        Assert.Equal(0, d.Stake("B", "y", Eth(1000))); // no operator limit set
        Assert.Equal(Eth(300), d.Stake("A", "y", Eth(300))); // the vault itself is the binding cap
    }

    [Fact]
    public void Operator_specific_backs_its_one_operator_up_to_each_network_limit()
    {
        // OperatorSpecificDelegator._stake = min(active, networkLimit) for its operator, 0 for any other.
        var d = new OperatorSpecificDelegator("x");
        Limit(d, "A", Eth(600), 1);
        Limit(d, "B", Eth(1500), 1);
        Assert.Equal(Eth(600), d.Stake("A", "x", Eth(1000)));
        Assert.Equal(Eth(1000), d.Stake("B", "x", Eth(1000)));
        Assert.Equal(0, d.Stake("A", "y", Eth(1000)));
    }

    [Fact]
    public void The_network_limit_stays_under_the_network_ceiling()
    {
        var d = new FullRestakeDelegator();
        // maxNetworkLimit starts at 0: no limit can be set before the network sets its ceiling.
        Reverts.With("ExceedsMaxNetworkLimit", () => d.SetNetworkLimit("A", 1, 1));
        d.SetMaxNetworkLimit("A", Eth(800), 1);
        Reverts.With("ExceedsMaxNetworkLimit", () => d.SetNetworkLimit("A", Eth(801), 1));
        d.SetNetworkLimit("A", Eth(800), 1);
        // Lowering the ceiling to 500 lowers the limit to 500 (_setMaxNetworkLimit); raising it again does not raise the limit.
        d.SetMaxNetworkLimit("A", Eth(500), 2);
        Assert.Equal(Eth(500), d.NetworkLimit("A"));
        d.SetMaxNetworkLimit("A", Eth(900), 3);
        Assert.Equal(Eth(500), d.NetworkLimit("A"));
    }

    [Fact]
    public void Stake_at_a_capture_reads_the_limits_of_that_time()
    {
        // _stakeAt takes networkLimitAt / operatorNetworkLimitAt (upperLookupRecent): limit 800 from t = 10, 300 from t = 20.
        var d = new FullRestakeDelegator();
        d.SetMaxNetworkLimit("A", Eth(800), 10);
        d.SetNetworkLimit("A", Eth(800), 10);
        d.SetOperatorNetworkLimit("A", "x", Eth(1000), 10);
        d.SetNetworkLimit("A", Eth(300), 20);

        Assert.Equal(0, d.StakeAt("A", "x", Eth(1000), 9));          // nothing set yet
        Assert.Equal(Eth(800), d.StakeAt("A", "x", Eth(1000), 15));  // min(1000, 800, 1000)
        Assert.Equal(Eth(300), d.StakeAt("A", "x", Eth(1000), 20));  // a checkpoint counts from its own timestamp
        Assert.Equal(Eth(300), d.Stake("A", "x", Eth(1000)));

        var n = new NetworkRestakeDelegator();
        n.SetMaxNetworkLimit("A", Eth(600), 10);
        n.SetNetworkLimit("A", Eth(600), 10);
        n.SetOperatorNetworkShares("A", "x", 1, 10);
        n.SetOperatorNetworkShares("A", "y", 1, 20);
        Assert.Equal(Eth(600), n.StakeAt("A", "x", Eth(1000), 15)); // x alone: 600 × 1/1
        Assert.Equal(Eth(300), n.StakeAt("A", "x", Eth(1000), 25)); // then 600 × 1/2
    }
}
