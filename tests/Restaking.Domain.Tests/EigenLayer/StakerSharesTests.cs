using Restaking.Domain.EigenLayer;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.EigenLayer;

/// <summary>
/// Staker share accounting a = s·k·l·m (eigenlayer-contracts docs/core/accounting/SharesAccounting.md,
/// DualSlashingEdgeCase.md, SharesAccountingEdgeCases.md; SlashingLib.update / calcWithdrawable). Amounts in gwei.
/// </summary>
public class StakerSharesTests
{
    private static readonly long Eth = Gwei.PerEth;
    private const long Quarter = Wad.One / 4;

    /// <summary>DualSlashingEdgeCase.md "Scenario": 32 ETH verified, then the operator is slashed 75 % (m = 0.25) → 8 ETH.</summary>
    private static StakerShares Alice()
    {
        var alice = new StakerShares(beaconChainEth: true);
        Assert.Equal(32 * Eth, alice.Deposit(32 * Eth, Wad.One));
        Assert.Equal(32 * Eth, alice.Withdrawable(Wad.One));
        Assert.Equal(8 * Eth, alice.Withdrawable(Quarter)); // 32 × 0.25 × 1 × 1
        return alice;
    }

    [Fact]
    public void DualSlashingEdgeCase_scenario_A_verify_another_validator_then_checkpoint()
    {
        var alice = Alice();

        // Step 4: another 32 ETH validator. DSF = 40 / (32 + 32) / 0.25 = 2.5; withdrawable = 64 × 0.25 × 1 × 2.5 = 40.
        alice.Deposit(32 * Eth, Quarter);
        Assert.Equal(64 * Eth, alice.DepositShares);
        Assert.Equal((UInt128)(Wad.One / 2 * 5), alice.DepositScalingFactor.Value);
        Assert.Equal(40 * Eth, alice.Withdrawable(Quarter));

        // Step 5: the checkpoint shows 48 of 64 ETH: BCSF = 48 / 64 = 0.75; withdrawable = 64 × 0.25 × 0.75 × 2.5 = 30.
        // The operator loses s·k·m·Δl = 64 × 2.5 × 0.25 × 0.25 = 10 (SharesAccounting.md, operator level: op + s k m (l' − l)).
        long operatorLoss = alice.DecreaseBeaconChainBalance(64 * Eth, 16 * Eth, Quarter);
        Assert.Equal(Wad.One / 4 * 3, alice.BeaconChainSlashingFactor);
        Assert.Equal(30 * Eth, alice.Withdrawable(Quarter));
        Assert.Equal(10 * Eth, operatorLoss);
    }

    [Fact]
    public void DualSlashingEdgeCase_scenario_B_checkpoint_then_verify_another_validator()
    {
        var alice = Alice();

        // Step 4: checkpoint first: BCSF = 16 / 32 = 0.5; withdrawable = 32 × 0.25 × 0.5 × 1 = 4; the operator loses 4.
        Assert.Equal(4 * Eth, alice.DecreaseBeaconChainBalance(32 * Eth, 16 * Eth, Quarter));
        Assert.Equal(Wad.One / 2, alice.BeaconChainSlashingFactor);
        Assert.Equal(4 * Eth, alice.Withdrawable(Quarter));

        // Step 5: DSF = 36 / (32 + 32) / 0.125 = 4.5; withdrawable = 64 × 0.25 × 0.5 × 4.5 = 36. (The doc's step
        // heading says "withdrawable: 40 ETH" but its own calculation, and the contract, give 36.)
        alice.Deposit(32 * Eth, Quarter);
        Assert.Equal((UInt128)(Wad.One / 2 * 9), alice.DepositScalingFactor.Value);
        Assert.Equal(36 * Eth, alice.Withdrawable(Quarter));
    }

    [Fact]
    public void Queue_withdrawal_example_from_DelegationManager_removeSharesAndQueueWithdrawal()
    {
        // DelegationManager._removeSharesAndQueueWithdrawal NatSpec: 100 deposit shares slashed 50 % are 50 withdrawable;
        // withdrawing 40 deposit shares queues 20 shares and leaves 60 deposit shares, 30 withdrawable.
        var staker = new StakerShares();
        staker.Deposit(100, Wad.One);
        var withdrawal = staker.QueueWithdrawal(40, Wad.One / 2, block: 7);
        Assert.Equal(20, withdrawal.SharesAtQueue);
        Assert.Equal(40, withdrawal.ScaledShares); // q = x·k with k = 1 (SharesAccounting.md "Queue Withdrawal")
        Assert.Equal(7, withdrawal.StartBlock);
        Assert.Equal(60, staker.DepositShares);
        Assert.Equal(30, staker.Withdrawable(Wad.One / 2));
    }

    [Fact]
    public void A_deposit_raises_withdrawable_by_the_deposit_up_to_rounding_down()
    {
        // SharesAccounting.md "Deposits": k' = (s k l m + d) / ((s + d) l m). s = 100 ETH, m = 0.5 → a = 50; deposit 50.
        // divWad(100e9, 150e9) = floor(2/3 · 1e18) = 666666666666666666; divWad(that, 0.5) = 1333333333333333332.
        // a' = mulWad(mulWad(150e9, 1333333333333333332), 0.5) = floor(floor(199999999999.99999999) × 0.5)
        //    = floor(199999999999 / 2) = 99999999999: one gwei short of 100 ETH, never above
        // (SharesAccountingEdgeCases.md "Deposits actually reducing withdrawableShares", "Rounding down on staker shares").
        var staker = new StakerShares();
        staker.Deposit(100 * Eth, Wad.One);
        Assert.Equal(50 * Eth, staker.Withdrawable(Wad.One / 2));
        staker.Deposit(50 * Eth, Wad.One / 2);
        Assert.Equal((UInt128)1_333_333_333_333_333_332L, staker.DepositScalingFactor.Value);
        Assert.Equal(100 * Eth - 1, staker.Withdrawable(Wad.One / 2));
    }

    [Fact]
    public void Slashing_scales_withdrawable_shares_without_touching_the_staker()
    {
        // SharesAccounting.md "Slashing": a' = a · m'/m with s, k, l unchanged. 80 ETH delegated to an operator at
        // m = 0.8 (k = 1/0.8 = 1.25, exact) is 80; the operator drops to m' = 0.6 → 80 × 0.6 / 0.8 = 60.
        // (With m = 0.9 instead, k = floor(1/0.9) loses a gwei to rounding down: see the deposit test above.)
        var staker = new StakerShares();
        staker.Deposit(80 * Eth, Wad.One);
        staker.Delegate(Wad.One / 10 * 8);
        Assert.Equal(80 * Eth, staker.Withdrawable(Wad.One / 10 * 8));
        Assert.Equal(60 * Eth, staker.Withdrawable(Wad.One / 10 * 6));
        Assert.Equal(80 * Eth, staker.DepositShares);
        Assert.Equal((UInt128)1_250_000_000_000_000_000L, staker.DepositScalingFactor.Value);
    }

    [Fact]
    public void Delegating_forgives_the_operators_past_slashing_and_k_may_exceed_a_long()
    {
        // SharesAccounting.md "Delegation": k' = k·m / m' with m = 1 while undelegated. To an operator at m' = 0.5:
        // k' = 2, a stays 100. To an operator at m' = 0.1: k' = 10 WAD = 1e19 > long.MaxValue (≈ 9.22e18).
        var half = new StakerShares();
        half.Deposit(100 * Eth, Wad.One);
        Assert.Equal(100 * Eth, half.Delegate(Wad.One / 2));
        Assert.Equal((UInt128)(2 * Wad.One), half.DepositScalingFactor.Value);
        Assert.Equal(100 * Eth, half.Withdrawable(Wad.One / 2));
        Assert.Equal(50 * Eth, half.Withdrawable(Wad.One / 4)); // a later 50 % slash of the operator halves it

        var tenth = new StakerShares();
        tenth.Deposit(100 * Eth, Wad.One);
        tenth.Delegate(Wad.One / 10);
        Assert.Equal((UInt128)Wad.One * 10, tenth.DepositScalingFactor.Value);
        Assert.Equal(100 * Eth, tenth.Withdrawable(Wad.One / 10));
        Assert.Equal(1_000 * Eth, tenth.DepositScalingFactor.ScaleForQueueWithdrawal(100 * Eth));
        Assert.Equal(100 * Eth, tenth.DepositScalingFactor.CalcDepositShares(100 * Eth, Wad.One / 10));
    }

    [Fact]
    public void Delegating_beacon_chain_ETH_delegates_what_the_pod_still_holds()
    {
        // DelegationManager._delegate: for beaconChainETHStrategy the operator gets calcWithdrawable(s, l), here
        // 32 × 0.5 = 16 ETH after a checkpoint halved the pod while undelegated; then k = 1 / 0.8 for m = 0.8.
        var pod = new StakerShares(beaconChainEth: true);
        pod.Deposit(32 * Eth, Wad.One);
        pod.DecreaseBeaconChainBalance(32 * Eth, 16 * Eth, Wad.One);
        Assert.Equal(16 * Eth, pod.Delegate(Wad.One / 10 * 8));
        Assert.Equal((UInt128)1_250_000_000_000_000_000L, pod.DepositScalingFactor.Value);
        Assert.Equal(16 * Eth, pod.Withdrawable(Wad.One / 10 * 8));
    }

    [Fact]
    public void Queueing_everything_resets_k_and_a_fully_slashed_operator_takes_no_deposits()
    {
        var staker = new StakerShares();
        staker.Deposit(10 * Eth, Wad.One);
        staker.Delegate(Wad.One / 2);
        Assert.Equal((UInt128)(2 * Wad.One), staker.DepositScalingFactor.Value);
        var all = staker.QueueWithdrawal(10 * Eth, Wad.One / 2, 1);
        Assert.Equal(20 * Eth, all.ScaledShares);  // q = s·k = 10 × 2
        Assert.Equal(10 * Eth, all.SharesAtQueue); // w = q·m = 20 × 0.5
        Assert.Equal(0, staker.DepositShares);
        Assert.Equal((UInt128)Wad.One, staker.DepositScalingFactor.Value); // SlashingLib.reset

        // SharesAccountingEdgeCases.md "Fully Slashed for a Strategy": m = 0 → FullySlashed on deposit.
        Assert.Contains("FullySlashed", Assert.Throws<InvalidOperationException>(() => staker.Deposit(1, 0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => staker.QueueWithdrawal(1, Wad.One, 2));
        Assert.Throws<InvalidOperationException>(() => new StakerShares().DecreaseBeaconChainBalance(1, 1, Wad.One));
    }

    [Fact]
    public void The_slashing_factor_is_m_times_l_rounded_down()
    {
        // mulWad(floor(WAD/3), WAD/2) = floor(333333333333333333 / 2) = 166666666666666666 (round up would end in 7).
        Assert.Equal(166_666_666_666_666_666L, SlashingFactor.Of(Wad.One / 3, Wad.One / 2));
        Assert.Equal(Wad.One / 4, SlashingFactor.Of(Wad.One / 4)); // non-native strategies: l = 1
        Assert.Equal(0, SlashingFactor.Of(1, 1)); // 1e-36 rounds to 0 (DelegationManager._getSlashingFactor NatSpec)
        Assert.Throws<ArgumentOutOfRangeException>(() => SlashingFactor.Of(Wad.One + 1));
    }

    [Fact]
    public void A_deposit_scaling_factor_above_64_bits_round_trips_through_a_checkpoint()
    {
        // First deposit under a slashing factor of 1e-3 WAD: k = WAD / 1e-3 = 1,000 WAD = 1e21, past ulong's 1.8e19.
        var k = new DepositScalingFactor();
        k.Update(0, 5 * Eth, Wad.One / 1_000);
        Assert.Equal((UInt128)Wad.One * 1_000, k.Value);
        var writer = new Restaking.Domain.Checkpoints.CheckpointWriter();
        k.SaveState(writer);
        var restored = new DepositScalingFactor();
        restored.RestoreState(new Restaking.Domain.Checkpoints.CheckpointReader(writer.ToArray()));
        Assert.Equal(k.Value, restored.Value);
        Assert.Equal(5 * Eth, restored.CalcWithdrawable(5 * Eth, Wad.One / 1_000));   // 5 × 1,000 × 0.001

        // Reset (0 stored, read as WAD) stays reset.
        k.Reset();
        var writer2 = new Restaking.Domain.Checkpoints.CheckpointWriter();
        k.SaveState(writer2);
        restored.RestoreState(new Restaking.Domain.Checkpoints.CheckpointReader(writer2.ToArray()));
        Assert.Equal((UInt128)Wad.One, restored.Value);
    }
}
