using Restaking.Domain.EigenLayer;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.EigenLayer;

/// <summary>
/// Staker share accounting a = s·k·l·m on the pieces the engine uses (<see cref="DepositScalingFactor"/>,
/// <see cref="SlashingFactor"/>; <c>Operators/StakerCohorts</c> and <c>PoolWithdrawals</c> carry them), against the worked
/// examples of eigenlayer-contracts docs/core/accounting/SharesAccounting.md, DualSlashingEdgeCase.md and
/// SharesAccountingEdgeCases.md (SlashingLib.update / calcWithdrawable / scaleForQueueWithdrawal). Amounts in gwei.
/// </summary>
public class DepositScalingFactorTests
{
    private static readonly long Eth = Gwei.PerEth;
    private const long Quarter = Wad.One / 4;

    [Fact]
    public void DualSlashingEdgeCase_scenario_A_verify_another_validator_then_checkpoint()
    {
        // 32 ETH verified (k = 1), then the operator is slashed 75 % (m = 0.25): a = 32 × 0.25 = 8.
        var k = new DepositScalingFactor();
        k.Update(0, 32 * Eth, Wad.One);
        long s = 32 * Eth, l = Wad.One;
        Assert.Equal(8 * Eth, k.CalcWithdrawable(s, SlashingFactor.Of(Quarter, l)));

        // Step 4: another 32 ETH validator. k = 40 / (32 + 32) / 0.25 = 2.5; a = 64 × 0.25 × 1 × 2.5 = 40.
        k.Update(s, 32 * Eth, SlashingFactor.Of(Quarter, l));
        s += 32 * Eth;
        Assert.Equal((UInt128)(Wad.One / 2 * 5), k.Value);
        Assert.Equal(40 * Eth, k.CalcWithdrawable(s, SlashingFactor.Of(Quarter, l)));

        // Step 5: the checkpoint shows 48 of 64 ETH: l = 48 / 64 = 0.75; a = 64 × 0.25 × 0.75 × 2.5 = 30. The operator
        // loses s·k·m·Δl = 64 × 2.5 × 0.25 × 0.25 = 10 (SharesAccounting.md, operator level: op + s k m (l' − l)).
        long reduced = SlashingFactor.ReduceBeaconChain(l, 64 * Eth, 16 * Eth);
        Assert.Equal(Wad.One / 4 * 3, reduced);
        Assert.Equal(30 * Eth, k.CalcWithdrawable(s, SlashingFactor.Of(Quarter, reduced)));
        Assert.Equal(10 * Eth, k.CalcWithdrawable(s, SlashingFactor.Of(Quarter, l - reduced)));
    }

    [Fact]
    public void DualSlashingEdgeCase_scenario_B_checkpoint_then_verify_another_validator()
    {
        var k = new DepositScalingFactor();
        k.Update(0, 32 * Eth, Wad.One);
        long s = 32 * Eth;

        // Step 4: checkpoint first: l = 16 / 32 = 0.5; a = 32 × 0.25 × 0.5 × 1 = 4.
        long l = SlashingFactor.ReduceBeaconChain(Wad.One, 32 * Eth, 16 * Eth);
        Assert.Equal(Wad.One / 2, l);
        Assert.Equal(4 * Eth, k.CalcWithdrawable(s, SlashingFactor.Of(Quarter, l)));

        // Step 5: k = 36 / (32 + 32) / 0.125 = 4.5; a = 64 × 0.25 × 0.5 × 4.5 = 36. (The doc's step heading says
        // "withdrawable: 40 ETH" but its own calculation, and the contract, give 36.)
        k.Update(s, 32 * Eth, SlashingFactor.Of(Quarter, l));
        s += 32 * Eth;
        Assert.Equal((UInt128)(Wad.One / 2 * 9), k.Value);
        Assert.Equal(36 * Eth, k.CalcWithdrawable(s, SlashingFactor.Of(Quarter, l)));
    }

    [Fact]
    public void Queue_withdrawal_example_from_DelegationManager_removeSharesAndQueueWithdrawal()
    {
        // DelegationManager._removeSharesAndQueueWithdrawal NatSpec: 100 deposit shares slashed 50 % are 50 withdrawable;
        // withdrawing 40 deposit shares queues 20 shares and leaves 60 deposit shares, 30 withdrawable.
        var k = new DepositScalingFactor();
        k.Update(0, 100, Wad.One);
        Assert.Equal(20, k.CalcWithdrawable(40, Wad.One / 2));
        Assert.Equal(40, k.ScaleForQueueWithdrawal(40)); // q = x·k with k = 1 (SharesAccounting.md "Queue Withdrawal")
        Assert.Equal(30, k.CalcWithdrawable(60, Wad.One / 2));
    }

    [Fact]
    public void A_deposit_raises_withdrawable_by_the_deposit_up_to_rounding_down()
    {
        // SharesAccounting.md "Deposits": k' = (s k l m + d) / ((s + d) l m). s = 100 ETH, m = 0.5 → a = 50; deposit 50.
        // divWad(100e9, 150e9) = floor(2/3 · 1e18) = 666666666666666666; divWad(that, 0.5) = 1333333333333333332.
        // a' = mulWad(mulWad(150e9, 1333333333333333332), 0.5) = floor(floor(199999999999.99999999) × 0.5)
        //    = floor(199999999999 / 2) = 99999999999: one gwei short of 100 ETH, never above
        // (SharesAccountingEdgeCases.md "Deposits actually reducing withdrawableShares", "Rounding down on staker shares").
        var k = new DepositScalingFactor();
        k.Update(0, 100 * Eth, Wad.One);
        Assert.Equal(50 * Eth, k.CalcWithdrawable(100 * Eth, Wad.One / 2));
        k.Update(100 * Eth, 50 * Eth, Wad.One / 2);
        Assert.Equal((UInt128)1_333_333_333_333_333_332L, k.Value);
        Assert.Equal(100 * Eth - 1, k.CalcWithdrawable(150 * Eth, Wad.One / 2));
    }

    [Fact]
    public void A_first_deposit_into_a_slashed_operator_is_worth_what_was_deposited_and_k_may_exceed_a_long()
    {
        // SharesAccounting.md "Delegation" / first deposit: k' = k / m. At m = 0.5: k = 2, a = 100; a later 50 % slash of
        // the operator (m = 0.25) halves it. At m = 0.1: k = 10 WAD = 1e19 > long.MaxValue (≈ 9.22e18).
        var half = new DepositScalingFactor();
        half.Update(0, 100 * Eth, Wad.One / 2);
        Assert.Equal((UInt128)(2 * Wad.One), half.Value);
        Assert.Equal(100 * Eth, half.CalcWithdrawable(100 * Eth, Wad.One / 2));
        Assert.Equal(50 * Eth, half.CalcWithdrawable(100 * Eth, Wad.One / 4));

        var tenth = new DepositScalingFactor();
        tenth.Update(0, 100 * Eth, Wad.One / 10);
        Assert.Equal((UInt128)Wad.One * 10, tenth.Value);
        Assert.Equal(100 * Eth, tenth.CalcWithdrawable(100 * Eth, Wad.One / 10));
        Assert.Equal(1_000 * Eth, tenth.ScaleForQueueWithdrawal(100 * Eth));
    }

    [Fact]
    public void Reset_returns_k_to_one_and_a_fully_slashed_operator_takes_no_deposits()
    {
        var k = new DepositScalingFactor();
        k.Update(0, 10 * Eth, Wad.One / 2);
        Assert.Equal(20 * Eth, k.ScaleForQueueWithdrawal(10 * Eth)); // q = s·k = 10 × 2
        k.Reset();
        Assert.Equal((UInt128)Wad.One, k.Value); // SlashingLib.reset

        // SharesAccountingEdgeCases.md "Fully Slashed for a Strategy": m = 0 → FullySlashed on deposit.
        Assert.Contains("FullySlashed", Assert.Throws<InvalidOperationException>(() => k.Update(0, 1, 0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => k.ScaleForQueueWithdrawal(-1));
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
