using Restaking.Domain.Symbiotic;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Symbiotic;

/// <summary>Slasher.slash and BaseSlasher._slashableStake: capture window, cap at stake at capture, cumulative slashes.</summary>
public class InstantSlasherTests
{
    private const long Epoch = 100;
    private static long Eth(long eth) => Gwei.FromEth(eth);

    /// <summary>1000 ETH active from t = 1; full restake, network A limited at 800 and operator x at 800 on A.</summary>
    private static InstantSlasher Setup(out Vault vault)
    {
        vault = new Vault(0, Epoch);
        vault.Deposit("alice", Eth(1000), 1);
        var d = new FullRestakeDelegator();
        d.SetMaxNetworkLimit("A", Eth(800), 1);
        d.SetNetworkLimit("A", Eth(800), 1);
        d.SetOperatorNetworkLimit("A", "x", Eth(800), 1);
        return new InstantSlasher(vault, d);
    }

    [Fact]
    public void Slashes_of_one_capture_share_the_stake_at_that_capture()
    {
        var slasher = Setup(out var vault);
        // stakeAt(A, x, 50) = min(activeStakeAt(50) 1000, 800, 800) = 800; 300 asked → 300 slashed.
        // Vault: capture epoch 0 == current 0, no withdrawals → all from active: 1000 → 700.
        var first = slasher.Slash("A", "x", Eth(300), captureTimestamp: 50, now: 60);
        Assert.Equal((Eth(800), Eth(800), Eth(300)), (first.StakeAt, first.SlashableStake, first.Slashed));
        Assert.Equal(Eth(300), first.Vault.ActiveSlashed);
        Assert.Equal(Eth(700), vault.ActiveStake);

        // Same capture again: slashable = 800 − min(cumulativeSlash 300 − cumulativeSlashAt(50) 0, 800) = 500; 600 asked → 500.
        Assert.Equal(Eth(500), slasher.SlashableStake("A", "x", 50, 70));
        var second = slasher.Slash("A", "x", Eth(600), 50, 70);
        Assert.Equal(Eth(500), second.Slashed);
        Assert.Equal(Eth(200), vault.ActiveStake);
        Assert.Equal(Eth(800), slasher.CumulativeSlash("A", "x"));

        // Nothing is left for that capture.
        Reverts.With("InsufficientSlash", () => slasher.Slash("A", "x", Eth(1), 50, 75));
    }

    [Fact]
    public void A_later_capture_starts_from_the_stake_that_already_shows_earlier_slashes()
    {
        var slasher = Setup(out var vault);
        slasher.Slash("A", "x", Eth(800), 50, 60);
        Assert.Equal(Eth(200), vault.ActiveStake);
        // Capture 80: stakeAt = min(activeStakeAt(80) 200, 800, 800) = 200; slashed since 80 = 800 − cumulativeSlashAt(80) 800 = 0.
        Assert.Equal(Eth(200), slasher.SlashableStake("A", "x", 80, 90));
        // A capture before the latest slashed one (50) is no longer slashable (latestSlashedCaptureTimestamp).
        Assert.Equal(50, slasher.LatestSlashedCaptureTimestamp("A", "x"));
        Assert.Equal(0, slasher.SlashableStake("A", "x", 40, 90));
    }

    [Fact]
    public void Stake_added_after_the_capture_is_not_slashable_for_it()
    {
        var slasher = Setup(out var vault);
        vault.Deposit("bob", Eth(1000), 55);
        // Limits raised after the capture do not count either: stakeAt reads the values at 50.
        ((FullRestakeDelegator)slasher.Delegator).SetMaxNetworkLimit("A", Eth(5000), 55);
        // stakeAt(50) = min(1000, 800, 800) = 800, although today's active stake is 2000.
        var slash = slasher.Slash("A", "x", Eth(5000), 50, 60);
        Assert.Equal(Eth(800), slash.Slashed);
        // The vault splits 800 over today's active 2000 (capture epoch = current, no withdrawals): 2000 → 1200.
        Assert.Equal(Eth(1200), vault.ActiveStake);
    }

    [Fact]
    public void Capture_must_be_in_the_past_and_within_one_epoch()
    {
        var slasher = Setup(out _);
        // Slasher.slash: captureTimestamp < now − epochDuration or ≥ now reverts.
        Reverts.With("InvalidCaptureTimestamp", () => slasher.Slash("A", "x", Eth(1), 150, 150));
        Reverts.With("InvalidCaptureTimestamp", () => slasher.Slash("A", "x", Eth(1), 49, 150));
        Assert.Equal(Eth(1), slasher.Slash("A", "x", Eth(1), 50, 150).Slashed); // 50 = 150 − 100 is still in
        // An operator without stake on the network: nothing to slash.
        Reverts.With("InsufficientSlash", () => slasher.Slash("B", "x", Eth(1), 120, 150));
    }
}
