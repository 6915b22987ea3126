using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Operators;
using Restaking.Domain.Rewards;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Operators;

/// <summary>
/// Listed stakers that deposit during a run or withdraw on their own, at one operator, computed by hand. The rules are
/// eigenlayer-contracts docs/core/accounting/SharesAccounting.md: withdrawable a = s·k·l·m; a staker's first deposit sets
/// k = WAD / (l·m) (SlashingLib.update with no prior deposit shares), so it can withdraw exactly what it deposited and
/// earlier losses stay with the earlier shares ("Deposits"); a queued withdrawal keeps scaled shares, stays slashable for
/// the delay and completes with the slashing factor at its last slashable block ("Queue Withdrawal", "Complete Withdrawal").
/// The operator (unique stake) allocates 0.5 to service 0 and 0.25 to service 1; its ETH pool holds 6,000 ETH of tick-0
/// stakers, dave's 1,000 ETH (deposited at tick 0, withdraws on his own) and, from tick 5, carol's 2,000 ETH.
/// </summary>
public class StakerCohortTests
{
    private const long Eth = Gwei.PerEth;
    private const int Carol = 1, Dave = 2;

    private static OperatorState Operator(SecurityModel model = SecurityModel.UniqueStake, RewardTerms? terms = null) => new(0, "op-a", model, [0, 1],
        [Wad.One / 2, Wad.One / 4], [new AssetPool(0, 6_000 * Eth, 6_000 * Eth)], [Wad.One],
        [EntityRef.Service(0), EntityRef.Service(1), EntityRef.Adversary], terms, new PoolWithdrawals([0], 14),
        cohorts: new StakerCohorts([(Carol, 0, 2_000 * Eth, 5), (Dave, 0, 1_000 * Eth, 0)]));

    private static CascadeContext Deliver(OperatorState op, int tick, params CascadeMessage[] messages)
    {
        var context = new CascadeContext(tick, 0, EntityRef.Operator(0));
        op.Handle(messages.Select((m, i) => new Envelope(EntityRef.Scheduler, i, m)).ToList(), context);
        return context;
    }

    private static SlashingRequest Slash(int service) => new(service, Wad.One, SlashReason.Equivocation, "eq", 1);

    private static long Withdrawable(OperatorState op, int staker) => op.Cohorts.Single(c => c.Staker == staker).WithdrawableShares;

    [Fact]
    public void A_deposit_into_a_pool_slashed_to_half_gets_k_of_two_and_a_later_slash_takes_half_of_every_cohort()
    {
        var op = Operator();
        // Tick 0: 6,000 + dave's 1,000 delegated (k = WAD); carol waits.
        Assert.Equal(7_000 * Eth, op.ValueGwei);
        Assert.Equal(0, Withdrawable(op, Carol));

        // Tick 2: service 0 takes its whole 0.5: m = 0.5, the operator's shares 7,000 → 3,500.
        Deliver(op, 2, Slash(0));
        Assert.Equal(Wad.One / 2, op.MaxMagnitude);
        Assert.Equal(new AssetPool(0, 3_000 * Eth, 6_000 * Eth), Assert.Single(op.Pools));
        Assert.Equal(500 * Eth, Withdrawable(op, Dave));

        // Tick 5: carol deposits 2,000 under the pool's slashing factor 3,500 / 7,000 = 0.5: k = WAD / 0.5 = 2 WAD, s·k = 4,000.
        // She can withdraw 4,000 × 5,500 / 11,000 = 2,000, exactly her deposit; the tick-0 stakers keep 6,000 × 5,500 / 11,000
        // = 3,000 and dave 500: the deposit forgives nothing of theirs and takes nothing from them.
        var deposit = Deliver(op, 5, new StakerDeposit(Carol, "carol/deposit"));
        var e = Assert.Single(deposit.Events);
        Assert.Equal((CascadeEventKind.Deposit, 2_000 * Eth), (e.Kind, e.AmountGwei));
        Assert.Equal("asset=eth;deposit_shares=2000000000000;slashing_factor=0.5;deposit_scaling_factor=2", e.Detail);
        Assert.Equal(2_000 * Eth, Withdrawable(op, Carol));
        Assert.Equal(new AssetPool(0, 3_000 * Eth, 6_000 * Eth), Assert.Single(op.Pools));
        Assert.Equal(500 * Eth, Withdrawable(op, Dave));
        // The operator's stake grows by the deposit, and every service and the adversary hear of it: service 1's 0.25 of
        // max 0.5 is half of 5,500.
        var notice = (OperatorStakeChanged)deposit.Outbox.Select(o => o.Envelope.Message).Distinct().Single();
        Assert.Equal(5_500 * Eth, notice.ValueGwei);
        Assert.Equal([0, 2_750 * Eth], notice.Securing.Select(s => s.StakeGwei));

        // Tick 7: service 1 takes its 0.25: m 0.5 → 0.25, the shares 5,500 → 2,750. Every cohort loses half of what it had.
        Deliver(op, 7, Slash(1));
        Assert.Equal(2_750 * Eth, op.ValueGwei);
        Assert.Equal(new AssetPool(0, 1_500 * Eth, 6_000 * Eth), Assert.Single(op.Pools));
        Assert.Equal(1_000 * Eth, Withdrawable(op, Carol));
        Assert.Equal(250 * Eth, Withdrawable(op, Dave));
        Assert.Equal(CohortStatus.Active, op.Cohorts.Single(c => c.Staker == Carol).Status);
    }

    [Fact]
    public void A_staker_withdrawal_leaves_the_stake_at_once_is_slashed_while_queued_and_completes_at_the_delays_end()
    {
        var op = Operator();
        Deliver(op, 2, Slash(0));   // m = 0.5: dave 500

        // Tick 3: dave queues all his shares: w = 1,000 × 3,500 / 7,000 = 500 leaves the operator; the withdrawal keeps
        // q = 500 / 0.5 = 1,000 scaled shares and completes at 3 + 14 = 17.
        var queued = Deliver(op, 3, new StakerWithdrawal(Dave, "dave/withdrawal"));
        var e = Assert.Single(queued.Events);
        Assert.Equal((CascadeEventKind.WithdrawalQueued, 500 * Eth), (e.Kind, e.AmountGwei));
        Assert.Equal("asset=eth;deposit_shares=1000000000000;shares=500000000000;completes_at_tick=17", e.Detail);
        Assert.Equal(3_000 * Eth, op.ValueGwei);
        Assert.Equal(500 * Eth, Withdrawable(op, Dave));
        Assert.Equal(CohortStatus.Withdrawing, op.Cohorts.Single(c => c.Staker == Dave).Status);
        Assert.Equal(new AssetPool(0, 3_000 * Eth, 6_000 * Eth), Assert.Single(op.Pools));

        // Tick 5: service 1 takes its 0.25 (m 0.5 → 0.25): delegated 3,000 → 1,500, and the queue loses the same half,
        // 1,000 × 0.5 = 500 → 250 (DelegationManager.slashOperatorShares, _getSlashableSharesInQueue).
        var slash = Deliver(op, 5, Slash(1));
        Assert.Equal([(CascadeEventKind.Slash, 1_500 * Eth), (CascadeEventKind.WithdrawalSlashed, 250 * Eth)], slash.Events.Select(x => (x.Kind, x.AmountGwei)));
        Assert.Equal(250 * Eth, Withdrawable(op, Dave));

        // Tick 17: completion pays q × m at slashableUntil (tick 16) = 1,000 × 0.25 = 250; nothing else moves.
        var done = Deliver(op, 17, new TickDue("dave/withdrawal"));
        Assert.Equal(("dave/withdrawal", 250 * Eth), (done.Events.Single().Cause, done.Events.Single().AmountGwei));
        Assert.Empty(done.Outbox);
        Assert.Equal(new CohortPosition(Dave, 0, 1_000 * Eth, 250 * Eth, 0, 1_000 * Eth, CohortStatus.Withdrawn), op.Cohorts.Single(c => c.Staker == Dave));
        Assert.Equal(1_500 * Eth, op.ValueGwei);
        // A second withdrawal of the same staker finds nothing delegated.
        Assert.Empty(Deliver(op, 18, new StakerWithdrawal(Dave, "again")).Events);
    }

    [Fact]
    public void A_wave_strikes_only_the_tick_zero_stakers()
    {
        // Pooled: a 50 % slash at tick 2 halves everything (m 0.5): 7,000 → 3,500. Carol deposits 2,000 at tick 5 (k = 2, s·k = 4,000).
        // Tick 6: a wave of 50 % queues half of the tick-0 stakers' 6,000 deposit shares: w = 3,000 × 5,500 / 11,000 = 1,500.
        var op = Operator(SecurityModel.Pooled);
        Deliver(op, 2, new SlashingRequest(0, Wad.One / 2, SlashReason.Equivocation, "eq", 1));
        Deliver(op, 5, new StakerDeposit(Carol, "carol/deposit"));
        var wave = Deliver(op, 6, new WithdrawalWave(Wad.One / 2, null, "wave"));
        Assert.Equal(1_500 * Eth, wave.Events.Single().AmountGwei);
        Assert.Equal(4_000 * Eth, op.ValueGwei);
        // The tick-0 stakers hold 3,000 × 4,000 / 8,000 = 1,500 delegated plus 1,500 queued: still half of 6,000; carol and dave keep theirs.
        Assert.Equal(new AssetPool(0, 3_000 * Eth, 6_000 * Eth), Assert.Single(op.Pools));
        Assert.Equal(2_000 * Eth, Withdrawable(op, Carol));
        Assert.Equal(500 * Eth, Withdrawable(op, Dave));
    }

    [Fact]
    public void A_deposit_into_an_empty_pool_meets_the_operators_max_magnitude()
    {
        // An LST pool with no tick-0 staker at an operator already slashed to m = 0.5 (its ETH pool). The first deposit meets
        // l·m = 0.5 (a new pod's l is WAD): k = 2, s·k = 200, and its 100 stETH are worth 100; a slash to m = 0.25 halves it.
        var op = new OperatorState(0, "op-b", SecurityModel.UniqueStake, [0, 1], [Wad.One / 2, Wad.One / 4],
            [new AssetPool(0, 1_000 * Eth, 1_000 * Eth), new AssetPool(1, 0, 0)], [Wad.One, Wad.One], [],
            withdrawals: new PoolWithdrawals([0, 1], 14, ["eth", "steth"]), cohorts: new StakerCohorts([(7, 1, 100 * Eth, 3)]));
        Deliver(op, 2, Slash(0));
        var deposit = Deliver(op, 3, new StakerDeposit(7, "frank/deposit")).Events.Single();
        Assert.Equal("asset=steth;deposit_shares=100000000000;slashing_factor=0.5;deposit_scaling_factor=2", deposit.Detail);
        Assert.Equal(100 * Eth, Withdrawable(op, 7));
        Assert.Equal(600 * Eth, op.ValueGwei);
        Deliver(op, 4, Slash(1));
        Assert.Equal(50 * Eth, Withdrawable(op, 7));
        Assert.Equal(new AssetPool(0, 250 * Eth, 1_000 * Eth), op.Pools[0]);
    }

    [Fact]
    public void A_deposit_into_a_fully_slashed_operator_is_refused()
    {
        // Pooled, a 100 % slash: m = 0, shares 0. SlashingLib.update reverts (FullySlashed): carol's 2,000 stay with her.
        var op = Operator(SecurityModel.Pooled);
        Deliver(op, 2, Slash(0));
        Assert.Equal(0, op.MaxMagnitude);
        var refused = Deliver(op, 5, new StakerDeposit(Carol, "carol/deposit"));
        var e = refused.Events.Single();
        Assert.Equal((CascadeEventKind.DepositRejected, 2_000 * Eth, "asset=eth;deposit_shares=2000000000000;reason=FullySlashed"), (e.Kind, e.AmountGwei, e.Detail));
        Assert.Empty(refused.Outbox);
        Assert.Equal(0, op.ValueGwei);
        Assert.Equal(new CohortPosition(Carol, 0, 2_000 * Eth, 0, 5, 2_000 * Eth, CohortStatus.Refused), op.Cohorts.Single(c => c.Staker == Carol));
        Assert.Empty(Deliver(op, 8, new StakerWithdrawal(Carol, "carol/withdrawal")).Events);
    }

    [Fact]
    public void A_deposit_into_an_operator_slashed_almost_to_zero_scales_past_a_long_and_is_worth_its_deposit()
    {
        // Unique stake, all of op-a's magnitude (1.0) on service 0; its ETH pool: 6,000 tick-0 + dave's 1,000 = 7e12 gwei.
        var op = new OperatorState(0, "op-a", SecurityModel.UniqueStake, [0], [Wad.One], [new AssetPool(0, 6_000 * Eth, 6_000 * Eth)], [Wad.One],
            [EntityRef.Service(0), EntityRef.Adversary], withdrawals: new PoolWithdrawals([0], 14),
            cohorts: new StakerCohorts([(Carol, 0, 2_000 * Eth, 5), (Dave, 0, 1_000 * Eth, 0)]));
        // Tick 2: service 0 slashes 0.99999999 of 1.0: m = 1e-8 (1e10 WAD), the shares 7e12 × 1e-8 = 70,000 gwei.
        Deliver(op, 2, new SlashingRequest(0, Wad.One - Wad.One / 100_000_000, SlashReason.Equivocation, "bug", 1));
        Assert.Equal(Wad.One / 100_000_000, op.MaxMagnitude);
        Assert.Equal(70_000, op.ValueGwei);

        // Tick 5: carol deposits 2,000 ETH under l·m = 70,000 × WAD / 7e12 = 1e10: k = WAD / 1e-8 = 1e8 (1e26 WAD) and
        // s·k = 2e12 × 1e8 = 2e20 gwei, past a long (9.2e18): EigenLayer keeps it in uint256 and takes the deposit.
        var deposit = Deliver(op, 5, new StakerDeposit(Carol, "carol/deposit"));
        Assert.Equal("asset=eth;deposit_shares=2000000000000;slashing_factor=0.00000001;deposit_scaling_factor=100000000",
            Assert.Single(deposit.Events).Detail);
        // S = 2e12 + 70,000, Σ s·k = 2e20 + 7e12 = 1e8 × S: carol ⌊2e20 × S / (1e8 × S)⌋ = 2e12, exactly her deposit; the tick-0
        // stakers 6e12 / 1e8 = 60,000 and dave 10,000 keep what the slash left them.
        Assert.Equal(2_000 * Eth, Withdrawable(op, Carol));
        Assert.Equal(10_000, Withdrawable(op, Dave));
        Assert.Equal(new AssetPool(0, 60_000, 6_000 * Eth), Assert.Single(op.Pools));
        Assert.Equal(2_000 * Eth + 70_000, op.ValueGwei);

        // A checkpoint keeps s·k = 2e20 whole.
        var fresh = new OperatorState(0, "op-a", SecurityModel.UniqueStake, [0], [Wad.One], [new AssetPool(0, 6_000 * Eth, 6_000 * Eth)], [Wad.One],
            [EntityRef.Service(0), EntityRef.Adversary], withdrawals: new PoolWithdrawals([0], 14),
            cohorts: new StakerCohorts([(Carol, 0, 2_000 * Eth, 5), (Dave, 0, 1_000 * Eth, 0)]));
        fresh.Restore(op.Save());
        Assert.Equal(op.Save(), fresh.Save());
        Assert.Equal(op.Cohorts, fresh.Cohorts);

        // Tick 6: carol queues all of it: w = 2e12 leaves the operator, the withdrawal keeps q = w / 1e-8 = 2e20 (past a long
        // again) and is worth q × 1e-8 = 2e12 while it waits; it completes at 6 + 14 = 20 with the same 2,000 ETH.
        foreach (var o in new[] { op, fresh })
        {
            var queued = Deliver(o, 6, new StakerWithdrawal(Carol, "carol/withdrawal"));
            Assert.Equal((CascadeEventKind.WithdrawalQueued, 2_000 * Eth), (queued.Events.Single().Kind, queued.Events.Single().AmountGwei));
            Assert.Equal(2_000 * Eth, Withdrawable(o, Carol));
            Assert.Equal(70_000, o.ValueGwei);
        }
        var again = new OperatorState(0, "op-a", SecurityModel.UniqueStake, [0], [Wad.One], [new AssetPool(0, 6_000 * Eth, 6_000 * Eth)], [Wad.One],
            [EntityRef.Service(0), EntityRef.Adversary], withdrawals: new PoolWithdrawals([0], 14),
            cohorts: new StakerCohorts([(Carol, 0, 2_000 * Eth, 5), (Dave, 0, 1_000 * Eth, 0)]));
        again.Restore(fresh.Save());   // the queued withdrawal's q = 2e20 comes back too
        foreach (var o in new[] { op, fresh, again })
        {
            var done = Deliver(o, 20, new TickDue("carol/withdrawal"));
            Assert.Equal((CascadeEventKind.WithdrawalCompleted, 2_000 * Eth), (done.Events.Single().Kind, done.Events.Single().AmountGwei));
            Assert.Equal(new CohortPosition(Carol, 0, 2_000 * Eth, 2_000 * Eth, 5, 2_000 * Eth, CohortStatus.Withdrawn), o.Cohorts.Single(c => c.Staker == Carol));
        }
    }

    [Fact]
    public void A_staker_withdrawal_with_nothing_to_queue_records_nothing()
    {
        // Pooled, a 100 % slash: m = 0, the shares 0. Dave (delegated at tick 0) then withdraws: w = ⌊1,000 × 0 / 7,000⌋ = 0,
        // nothing leaves the operator. EigenLayer would queue a withdrawal of 0 and complete it with 0; we record neither half
        // (OperatorState.QueueStakerWithdrawal), so the eigenlayer block never shows a queued withdrawal that never completes.
        var op = Operator(SecurityModel.Pooled);
        Deliver(op, 2, Slash(0));
        var withdrawal = Deliver(op, 3, new StakerWithdrawal(Dave, "dave/withdrawal"));
        Assert.Empty(withdrawal.Events);
        Assert.Empty(withdrawal.Outbox);
        // He is out with nothing, and no completion is due at 3 + 14 = 17.
        Assert.Equal(new CohortPosition(Dave, 0, 1_000 * Eth, 0, 0, 1_000 * Eth, CohortStatus.Withdrawn), op.Cohorts.Single(c => c.Staker == Dave));
        Assert.Empty(Deliver(op, 17, new TickDue("dave/withdrawal")).Events);
    }

    [Theory]
    // Only a deposit that reached the operator restakes: a waiting or refused staker keeps its asset outside (summary losses,
    // rewards, staker grains all read this); one withdrawing or withdrawn deposited, whatever its withdrawal paid.
    [InlineData(CohortStatus.Waiting, false)]
    [InlineData(CohortStatus.Refused, false)]
    [InlineData(CohortStatus.Active, true)]
    [InlineData(CohortStatus.Withdrawing, true)]
    [InlineData(CohortStatus.Withdrawn, true)]
    public void A_cohort_has_deposited_unless_it_waits_or_was_refused(CohortStatus status, bool deposited) =>
        Assert.Equal(deposited, new CohortPosition(Carol, 0, 2_000 * Eth, 0, 5, 2_000 * Eth, status).Deposited);

    [Fact]
    public void A_late_stakers_rewards_start_at_its_deposit()
    {
        // Pooled, base APR 3.65 % and service 0 paying 7.3 % on all of the operator's stake, daily ticks: a day of 1,000 ETH earns
        // 0.1 ETH base and 0.2 ETH from the service (Accrual: principal × APR × 86,400 / 31,536,000). Dave withdraws nothing here;
        // carol deposits 2,000 at tick 5; the run ends at tick 10.
        var op = Operator(SecurityModel.Pooled, new RewardTerms(Wad.One / 10_000 * 365, [Wad.One / 10_000 * 730, 0], 86_400));
        Deliver(op, 5, new StakerDeposit(Carol, "carol/deposit"));
        var final = op.Final(10);
        // Holdings: the tick-0 stakers' 6,000, then carol (from tick 5), then dave's 1,000 (from tick 0).
        // Tick-0 stakers: 10 days of 6,000 = 6 ETH base; the service pays 7,000 × 5 days (1.4 × 5 = 7 ETH, their 6/7 = 6) and
        //   9,000 × 5 days (9 ETH, their 6/9 = 6): 12 ETH. Carol: 5 days of 2,000 = 1 ETH base, 2/9 of 9 = 2 ETH service.
        // Dave: 10 days of 1,000 = 1 ETH base, 1/7 of 7 + 1/9 of 9 = 2 ETH service.
        Assert.Equal([6 * Eth, 1 * Eth, 1 * Eth], final.BaseRewardsGwei);
        Assert.Equal([12 * Eth, 2 * Eth, 2 * Eth], final.ServiceRewardsGwei);
        Assert.Equal([16 * Eth, 0], final.PaidByServiceGwei);
        Assert.Equal(1, final.HoldingOf(0));
    }

    [Fact]
    public void An_operator_with_cohorts_restores_mid_run_and_runs_on_identically()
    {
        var original = Operator();
        Deliver(original, 2, Slash(0));
        Deliver(original, 3, new StakerWithdrawal(Dave, "dave/withdrawal"));
        Deliver(original, 5, new StakerDeposit(Carol, "carol/deposit"));
        byte[] bytes = original.Save();

        var fresh = Operator();
        fresh.Restore(bytes);
        Assert.Equal(bytes, fresh.Save());
        Assert.Equal(original.Cohorts, fresh.Cohorts);
        Assert.Equal(original.Pools, fresh.Pools);
        Assert.Equal(original.ValueGwei, fresh.ValueGwei);

        // The queued withdrawal (its holder), carol's k and s·k all came back: the same slash and completion give the same events.
        foreach (var (tick, message) in new (int, CascadeMessage)[] { (7, Slash(1)), (17, new TickDue("dave/withdrawal")) })
            Assert.Equal(Deliver(original, tick, message).Events, Deliver(fresh, tick, message).Events);
        Assert.Equal(original.Cohorts, fresh.Cohorts);
        Assert.Equal(original.Save(), fresh.Save());

        // Bytes with a cohort out of range are refused.
        var other = new OperatorState(0, "op-a", SecurityModel.UniqueStake, [0, 1], [Wad.One / 2, Wad.One / 4],
            [new AssetPool(0, 6_000 * Eth, 6_000 * Eth)], [Wad.One], [], withdrawals: new PoolWithdrawals([0], 14),
            cohorts: new StakerCohorts([(Carol, 0, 2_000 * Eth, 5)]));
        Assert.Throws<CheckpointFormatException>(() => other.Restore(bytes));
    }
}
