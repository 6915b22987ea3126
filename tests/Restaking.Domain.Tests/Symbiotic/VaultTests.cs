using Restaking.Domain.Symbiotic;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Symbiotic;

/// <summary>Vault.sol: deposit, withdraw into the next epoch, claim after it ends, and onSlash's pro-rata split.</summary>
public class VaultTests
{
    private const long Epoch = 100; // seconds; epochs [0,100), [100,200), …
    private static long Eth(long eth) => Gwei.FromEth(eth);

    [Fact]
    public void Withdrawal_waits_in_the_next_epoch_and_is_claimable_once_that_epoch_has_ended()
    {
        var vault = new Vault(0, Epoch);
        // First deposit: shares = 600e9 × (0 + 1) / (0 + 1) = 600e9 (ERC4626Math.previewDeposit, one virtual share and asset).
        Assert.Equal(new VaultDeposit(Eth(600), Eth(600)), vault.Deposit("alice", Eth(600), 10));
        // Second: 400e9 × (600e9 + 1) / (600e9 + 1) = 400e9.
        Assert.Equal(Eth(400), vault.Deposit("bob", Eth(400), 20).MintedShares);

        // t = 50 is in epoch 0: the withdrawal goes to withdrawals[1]; burned = ⌈100e9 × (1000e9 + 1) / (1000e9 + 1)⌉ = 100e9.
        var w = vault.Withdraw("alice", Eth(100), 50);
        Assert.Equal(new VaultWithdrawal(Eth(100), Eth(100), 1), w);
        Assert.Equal(Eth(900), vault.ActiveStake);
        Assert.Equal(Eth(100), vault.Withdrawals(1));
        Assert.Equal(Eth(500), vault.ActiveBalanceOf("alice"));
        // Still slashable: totalStake = 900 + withdrawals[0] + withdrawals[1] = 1000.
        Assert.Equal(Eth(1000), vault.TotalStake(50));

        // Vault._claim: epoch 1 must have ended (epoch < currentEpoch).
        Reverts.With("InvalidEpoch", () => vault.Claim("alice", 1, 150));
        Assert.Equal(Eth(100), vault.Claim("alice", 1, 200));
        Reverts.With("AlreadyClaimed", () => vault.Claim("alice", 1, 200));
        Reverts.With("InsufficientClaim", () => vault.Claim("bob", 1, 200));
        // In epoch 2 the epoch-1 withdrawals no longer count: totalStake = 900 + w[2] + w[3].
        Assert.Equal(Eth(900), vault.TotalStake(200));
    }

    [Fact]
    public void Withdraw_reverts_beyond_the_balance_and_for_nothing()
    {
        var vault = new Vault(0, Epoch);
        vault.Deposit("alice", Eth(10), 1);
        Reverts.With("TooMuchWithdraw", () => vault.Withdraw("alice", Eth(11), 2));
        Reverts.With("TooMuchWithdraw", () => vault.Withdraw("bob", 1, 2));
        Reverts.With("InsufficientWithdrawal", () => vault.Withdraw("alice", 0, 2));
        Reverts.With("InsufficientDeposit", () => vault.Deposit("alice", 0, 2));
    }

    /// <summary>1050 deposited in epoch 0, 50 withdrawn in epoch 0 (→ withdrawals[1]), 100 withdrawn in epoch 1 (→ withdrawals[2]).</summary>
    private static Vault ActiveNineHundredWithFiftyAndHundredPending()
    {
        var vault = new Vault(0, Epoch);
        vault.Deposit("alice", Eth(1050), 10);
        vault.Withdraw("alice", Eth(50), 20);
        vault.Withdraw("alice", Eth(100), 120);
        Assert.Equal((Eth(900), Eth(50), Eth(100)), (vault.ActiveStake, vault.Withdrawals(1), vault.Withdrawals(2)));
        return vault;
    }

    [Fact]
    public void Capture_in_the_current_epoch_splits_between_active_and_next_withdrawals_only()
    {
        // Vault.onSlash, captureEpoch == currentEpoch (1): slashable = active 900 + withdrawals[2] 100 = 1000;
        // withdrawals[1] were requested in epoch 0, before the capture epoch, and are not touched.
        // activeSlashed = ⌊200 × 900 / 1000⌋ = 180, nextWithdrawalsSlashed = 200 − 180 = 20.
        var vault = ActiveNineHundredWithFiftyAndHundredPending();
        var slash = vault.Slash(Eth(200), captureTimestamp: 130, now: 150);

        Assert.Equal(Eth(200), slash.Slashed);
        Assert.Equal(Eth(1000), slash.SlashableStake);
        Assert.Equal((Eth(180), 0L, Eth(20)), (slash.ActiveSlashed, slash.WithdrawalsSlashed, slash.NextWithdrawalsSlashed));
        Assert.Equal(Eth(720), vault.ActiveStake);
        Assert.Equal(Eth(50), vault.Withdrawals(1));
        Assert.Equal(Eth(80), vault.Withdrawals(2));
        // The active stake before the slash is still what a capture at 130 sees (activeStakeAt).
        Assert.Equal(Eth(900), vault.ActiveStakeAt(130));
    }

    [Fact]
    public void Capture_in_the_previous_epoch_also_takes_from_withdrawals_of_the_current_epoch()
    {
        // Vault.onSlash, captureEpoch (0) == currentEpoch (1) − 1: slashable = 900 + withdrawals[1] 50 + withdrawals[2] 100 = 1050.
        // activeSlashed = ⌊210 × 900 / 1050⌋ = 180, nextWithdrawalsSlashed = ⌊210 × 100 / 1050⌋ = 20,
        // withdrawalsSlashed = 210 − 180 − 20 = 10.
        var vault = ActiveNineHundredWithFiftyAndHundredPending();
        var slash = vault.Slash(Eth(210), captureTimestamp: 90, now: 150);

        Assert.Equal(Eth(1050), slash.SlashableStake);
        Assert.Equal((Eth(180), Eth(10), Eth(20)), (slash.ActiveSlashed, slash.WithdrawalsSlashed, slash.NextWithdrawalsSlashed));
        Assert.Equal((Eth(720), Eth(40), Eth(80)), (vault.ActiveStake, vault.Withdrawals(1), vault.Withdrawals(2)));
        Assert.Equal(Eth(840), vault.TotalStake(150));
    }

    [Fact]
    public void Rounding_leaves_the_remainder_to_the_withdrawals()
    {
        // Current-epoch capture: deposit 10 gwei, withdraw 3 → active 7, withdrawals[1] 3. Slash 5:
        // activeSlashed = ⌊5 × 7 / 10⌋ = ⌊3.5⌋ = 3, withdrawals take 5 − 3 = 2 (exact would be 1.5).
        var vault = new Vault(0, Epoch);
        vault.Deposit("alice", 10, 1);
        vault.Withdraw("alice", 3, 2);
        var slash = vault.Slash(5, 3, 4);
        Assert.Equal((3L, 2L), (slash.ActiveSlashed, slash.NextWithdrawalsSlashed));
        Assert.Equal((4L, 1L), (vault.ActiveStake, vault.Withdrawals(1)));
    }

    [Fact]
    public void A_rounding_remainder_above_the_current_withdrawals_moves_to_the_next_ones()
    {
        // Deposit 2 gwei in epoch 0; in epoch 1 withdraw 1 (→ withdrawals[2]); withdrawals[1] = 0.
        // Capture in epoch 0, now epoch 1: slashable = 1 + 0 + 1 = 2, slash 1:
        // activeSlashed = ⌊1 × 1 / 2⌋ = 0, nextWithdrawalsSlashed = ⌊1 × 1 / 2⌋ = 0, withdrawalsSlashed = 1 − 0 − 0 = 1
        // > withdrawals[1] = 0, so the excess 1 goes to withdrawals[2] (Vault.onSlash, `withdrawals_ < withdrawalsSlashed`).
        var vault = new Vault(0, Epoch);
        vault.Deposit("alice", 2, 10);
        vault.Withdraw("alice", 1, 110);
        var slash = vault.Slash(1, captureTimestamp: 50, now: 120);
        Assert.Equal((0L, 0L, 1L), (slash.ActiveSlashed, slash.WithdrawalsSlashed, slash.NextWithdrawalsSlashed));
        Assert.Equal((1L, 0L, 0L), (vault.ActiveStake, vault.Withdrawals(1), vault.Withdrawals(2)));
    }

    [Fact]
    public void The_amount_is_capped_at_the_slashable_stake()
    {
        // Current-epoch capture: slashable = 900 + 100 = 1000 < 2000 asked → everything goes, nothing more.
        var vault = ActiveNineHundredWithFiftyAndHundredPending();
        var slash = vault.Slash(Eth(2000), 130, 150);
        Assert.Equal(Eth(2000), slash.Requested);
        Assert.Equal(Eth(1000), slash.Slashed);
        Assert.Equal((0L, Eth(50), 0L), (vault.ActiveStake, vault.Withdrawals(1), vault.Withdrawals(2)));
    }

    [Fact]
    public void Capture_must_be_in_the_current_or_the_previous_epoch()
    {
        var vault = ActiveNineHundredWithFiftyAndHundredPending();
        // now = 250 is epoch 2: a capture in epoch 0 is too old, one in epoch 3 is in the future.
        Reverts.With("InvalidCaptureEpoch", () => vault.Slash(Eth(1), 90, 250));
        Reverts.With("InvalidCaptureEpoch", () => vault.Slash(Eth(1), 310, 250));
        Assert.Equal(Eth(1), vault.Slash(Eth(1), 190, 250).Slashed);
    }

    [Fact]
    public void A_slash_lowers_every_holder_in_proportion_through_the_shares()
    {
        // alice 600 and bob 400 shares on 1000 active; slash 100 → 900 active.
        // alice = ⌊600e9 × (900e9 + 1) / (1000e9 + 1)⌋ = 540e9 (remainder 60e9 < 1000e9 + 1); bob = 360e9 likewise.
        var vault = new Vault(0, Epoch);
        vault.Deposit("alice", Eth(600), 1);
        vault.Deposit("bob", Eth(400), 1);
        vault.Slash(Eth(100), 5, 10);
        Assert.Equal(Eth(540), vault.ActiveBalanceOf("alice"));
        Assert.Equal(Eth(360), vault.ActiveBalanceOf("bob"));
    }

    [Fact]
    public void A_queued_withdrawal_is_claimed_net_of_its_slash()
    {
        // Capture in current epoch 1: withdrawals[2] 100 lose 20 (see the first split test).
        // claim = previewRedeem(100e9 shares, 80e9, 100e9) = ⌊100e9 × (80e9 + 1) / (100e9 + 1)⌋ = 80e9.
        var vault = ActiveNineHundredWithFiftyAndHundredPending();
        vault.Slash(Eth(200), 130, 150);
        Assert.Equal(Eth(50), vault.Claim("alice", 1, 300));
        Assert.Equal(Eth(80), vault.Claim("alice", 2, 300));
    }
}
