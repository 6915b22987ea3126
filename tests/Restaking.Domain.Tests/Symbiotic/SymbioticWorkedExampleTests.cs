using Restaking.Domain.Symbiotic;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Symbiotic;

/// <summary>
/// One full restaking story: a vault, a full restake delegator over two networks, a veto slasher on one of them.
/// The slash on network A shrinks the collateral network B relies on.
/// </summary>
public class SymbioticWorkedExampleTests
{
    private const long Day = 86_400;
    private const long Week = 7 * Day;
    private static long Eth(long eth) => Gwei.FromEth(eth);

    [Fact]
    public void A_veto_slash_on_one_network_splits_over_active_and_pending_and_shrinks_the_other_networks_stake()
    {
        // Vault: epochs of one week from t = 0. Alice deposits 1100 ETH and queues 100 for withdrawal in epoch 0
        // → active 1000, withdrawals[1] = 100 (Vault._withdraw).
        var vault = new Vault(0, Week);
        vault.Deposit("alice", Eth(1100), 100);
        vault.Withdraw("alice", Eth(100), 200);
        Assert.Equal((Eth(1000), Eth(100)), (vault.ActiveStake, vault.Withdrawals(1)));

        // FullRestakeDelegator: networks A and B each limited at 800, operator x at 800 on both.
        var delegator = new FullRestakeDelegator();
        foreach (var network in new[] { "A", "B" })
        {
            delegator.SetMaxNetworkLimit(network, Eth(800), 300);
            delegator.SetNetworkLimit(network, Eth(800), 300);
            delegator.SetOperatorNetworkLimit(network, "x", Eth(800), 300);
        }
        // _stake = min(1000, 800, 800) = 800 on each: 1600 of stake on 1000 of collateral.
        Assert.Equal(Eth(800), delegator.Stake("A", "x", vault.ActiveStake));
        Assert.Equal(Eth(800), delegator.Stake("B", "x", vault.ActiveStake));

        // VetoSlasher with a one-day window and a resolver on A.
        var slasher = new VetoSlasher(vault, delegator, vetoDuration: Day, resolverSetEpochsDelay: 3);
        slasher.SetResolver("A", "resolver", 300);

        // A requests 550 against x for capture t = 1000 at t = 2000: slashable = stakeAt 800 − 0 ≥ 550, deadline 2000 + 1 day.
        int index = slasher.RequestSlash("A", "x", Eth(550), captureTimestamp: 1_000, now: 2_000);
        Assert.Equal(Eth(550), slasher.SlashRequests[index].Amount);
        Reverts.With("VetoPeriodNotEnded", () => slasher.ExecuteSlash(index, 2_000 + Day - 1));

        // The window passes without a veto; still in epoch 0 (88400 < 604800), so the capture epoch is the current one.
        // Vault.onSlash: slashable = active 1000 + withdrawals[1] 100 = 1100;
        // activeSlashed = ⌊550 × 1000 / 1100⌋ = 500, withdrawals[1] lose 550 − 500 = 50.
        var executed = slasher.ExecuteSlash(index, 2_000 + Day);
        Assert.Equal(Eth(550), executed.Slashed);
        Assert.Equal(Eth(1100), executed.Vault.SlashableStake);
        Assert.Equal((Eth(500), Eth(50)), (executed.Vault.ActiveSlashed, executed.Vault.NextWithdrawalsSlashed));
        Assert.Equal((Eth(500), Eth(50)), (vault.ActiveStake, vault.Withdrawals(1)));
        Assert.Equal(Eth(550), vault.TotalStake(2_000 + Day));

        // Network B never slashed, but its stake is now min(new active 500, 800, 800) = 500.
        Assert.Equal(Eth(500), delegator.Stake("B", "x", vault.ActiveStake));
        Assert.Equal(Eth(500), delegator.Stake("A", "x", vault.ActiveStake));
        // For the old capture, A may still take 800 − 550 = 250 (BaseSlasher._slashableStake).
        Assert.Equal(Eth(250), slasher.SlashableStake("A", "x", 1_000, 2_000 + Day));

        // Alice's queued 100 comes back as 50 once epoch 1 has ended:
        // ⌊100e9 × (50e9 + 1) / (100e9 + 1)⌋ = 50e9 (remainder 50e9 < 100e9 + 1).
        Assert.Equal(Eth(50), vault.Claim("alice", 1, 2 * Week));
        // Her active balance is the rest of the active stake: ⌊1000e9 × (500e9 + 1) / (1000e9 + 1)⌋ = 500e9.
        Assert.Equal(Eth(500), vault.ActiveBalanceOf("alice"));
    }
}
