using Restaking.Domain.Cascade;
using Restaking.Domain.Operators;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Operators;

/// <summary>
/// Withdrawal waves at one operator, computed by hand: the delegated shares drop when the withdrawal is queued
/// (DelegationManager.md "queueWithdrawals": decreaseDelegatedShares), the queued shares stay slashable for
/// MIN_WITHDRAWAL_DELAY_BLOCKS ("slashOperatorShares": "shares in the withdrawal queue remain slashable") and completion
/// pays the scaled shares × the slashing factor at the end of the delay (SharesAccounting.md "Complete Withdrawal").
/// The operator is the ELIP-002 example's: AVS_1 2000, AVS_2 2500, EigenDA 2000 of 10000, 200 ETH delegated; the delay is
/// 14 daily ticks, so a withdrawal queued at tick 1 is slashable through tick 14 and completes at the start of tick 15.
/// </summary>
public class WithdrawalQueueTests
{
    private const long Eth = Gwei.PerEth;

    private static long Bips(long n) => Wad.One / 10_000 * n;

    private static OperatorState Elip002Operator(SecurityModel model = SecurityModel.UniqueStake) => new(0, "op-x", model, [0, 1, 2],
        [Bips(2000), Bips(2500), Bips(2000)], [new AssetPool(0, 200 * Eth, 200 * Eth)], [Wad.One],
        [EntityRef.Service(0), EntityRef.Service(1), EntityRef.Service(2), EntityRef.Adversary], withdrawals: new PoolWithdrawals([0], 14));

    private static CascadeContext Deliver(OperatorState op, int tick, params CascadeMessage[] messages)
    {
        var context = new CascadeContext(tick, 0, EntityRef.Operator(0));
        op.Handle(messages.Select((m, i) => new Envelope(EntityRef.Scheduler, i, m)).ToList(), context);
        return context;
    }

    private static OperatorStakeChanged Notice(CascadeContext context) =>
        (OperatorStakeChanged)context.Outbox.Select(o => o.Envelope.Message).Distinct().Single();

    private static SlashingRequest Slash(int service, long wads) => new(service, wads, SlashReason.Equivocation, "eq", 1);

    [Fact]
    public void The_wave_lowers_the_securing_stake_at_once_and_the_queue_is_slashed_until_it_completes()
    {
        var op = Elip002Operator();

        // Tick 1: 30 % of 200 deposit shares queued: w = 60 leaves the operator now; every service sees 140 × allocation.
        var wave = Deliver(op, 1, new WithdrawalWave(Wad.One * 3 / 10, null, "wave"));
        var queued = Assert.Single(wave.Events);
        Assert.Equal((CascadeEventKind.WithdrawalQueued, 60 * Eth), (queued.Kind, queued.AmountGwei));
        Assert.Equal("asset=eth;deposit_shares=60000000000;shares=60000000000;completes_at_tick=15", queued.Detail);
        var notice = Notice(wave);
        Assert.Equal(140 * Eth, notice.ValueGwei);
        Assert.Equal([28 * Eth, 35 * Eth, 28 * Eth], notice.Securing.Select(e => e.StakeGwei));
        // The stakers still own the queued 60: the pool's total stays 200 for 200 deposit shares.
        Assert.Equal(new AssetPool(0, 200 * Eth, 200 * Eth), Assert.Single(notice.Pools));

        // Tick 5: AVS_1 slashes 50 % of its 2000 → max 10000 → 9000. Delegated 140 → 126 (14 slashed); the queue loses
        // the same 10 %: 60 → 54 (6 slashed while queued).
        var slash = Deliver(op, 5, Slash(0, Wad.One / 2));
        Assert.Equal([(CascadeEventKind.Slash, 14 * Eth), (CascadeEventKind.WithdrawalSlashed, 6 * Eth)], slash.Events.Select(e => (e.Kind, e.AmountGwei)));
        Assert.Equal(new AssetPool(0, 180 * Eth, 200 * Eth), Assert.Single(op.Pools));

        // Tick 14, the last slashable tick: nothing else. Tick 15: the withdrawal completes with q × m(slashableUntil) = 60 × 0.9
        // = 54 before that tick's slash; AVS_2 then takes its 2500 (max 9000 → 6500): 126 × 6500 / 9000 = 91 delegated, the
        // completed 54 untouched. The stakers hold 91 + 54 = 145 (without the wave: 200 × 0.65 = 130).
        Assert.Empty(Deliver(op, 14, new TickDue("wave")).Events);
        var completion = Deliver(op, 15, new TickDue("wave"), Slash(1, Wad.One));
        Assert.Equal([(CascadeEventKind.WithdrawalCompleted, 54 * Eth), (CascadeEventKind.Slash, 35 * Eth)], completion.Events.Select(e => (e.Kind, e.AmountGwei)));
        Assert.Equal("asset=eth;shares=54000000000;queued_shares=60000000000", completion.Events[0].Detail);
        Assert.Equal(91 * Eth, op.ValueGwei);
        Assert.Equal(new AssetPool(0, 145 * Eth, 200 * Eth), Assert.Single(op.Pools));
    }

    [Fact]
    public void The_last_slashable_tick_is_the_one_before_completion()
    {
        // Queued at tick 1 with a 14-tick delay: a slash at tick 14 reaches it (60 → 45 after AVS_2's 2500 goes:
        // max 0.75), one at tick 15 comes after the completion at the start of that tick.
        var atFourteen = Elip002Operator();
        Deliver(atFourteen, 1, new WithdrawalWave(Wad.One * 3 / 10, null, "wave"));
        Deliver(atFourteen, 14, Slash(1, Wad.One));
        var paid = Deliver(atFourteen, 15, new TickDue("wave")).Events.Single();
        Assert.Equal(45 * Eth, paid.AmountGwei);

        var atFifteen = Elip002Operator();
        Deliver(atFifteen, 1, new WithdrawalWave(Wad.One * 3 / 10, null, "wave"));
        var late = Deliver(atFifteen, 15, new TickDue("wave"), Slash(1, Wad.One));
        Assert.Equal(60 * Eth, late.Events[0].AmountGwei);
        Assert.DoesNotContain(late.Events, e => e.Kind == CascadeEventKind.WithdrawalSlashed);
    }

    [Fact]
    public void Pooled_restake_slashes_the_queue_with_the_whole_stake()
    {
        // Pooled: a 50 % slash takes half of everything (SlashWhole): 140 → 70 delegated, 60 → 30 queued.
        var op = Elip002Operator(SecurityModel.Pooled);
        Deliver(op, 1, new WithdrawalWave(Wad.One * 3 / 10, null, "wave"));
        var slash = Deliver(op, 2, Slash(0, Wad.One / 2));
        Assert.Equal([70 * Eth, 30 * Eth], slash.Events.Select(e => e.AmountGwei));
        Assert.Equal(30 * Eth, Deliver(op, 15, new TickDue("wave")).Events.Single().AmountGwei);
    }

    [Fact]
    public void A_native_validator_penalty_is_shared_by_the_pool_and_the_queue()
    {
        // 100 ETH natively restaked, half queued at tick 1. A 10 ETH consensus penalty hits validators that back both: the pod's
        // balance 100 falls to 90, l = 0.9 (EigenPodManager._reduceSlashingFactor; SharesAccounting.md "Handling Beacon Chain
        // Balance Decreases"); the pool loses 10 × 50/100 = 5 and the withdrawal completes with 50 × l = 45 (l read at completion).
        var op = new OperatorState(0, "op", SecurityModel.Pooled, [0], [Wad.One / 2], [new AssetPool(0, 100 * Eth, 100 * Eth)], [Wad.One], [],
            withdrawals: new PoolWithdrawals([0], 14));
        Deliver(op, 1, new WithdrawalWave(Wad.One / 2, null, "wave"));
        var penalty = Deliver(op, 2, new ValidatorPenalty("op/native", 10 * Eth, "mass", 1));
        Assert.Equal([(CascadeEventKind.WithdrawalSlashed, 5 * Eth), (CascadeEventKind.Penalty, 5 * Eth)], penalty.Events.Select(e => (e.Kind, e.AmountGwei)));
        Assert.Equal(45 * Eth, op.ValueGwei);
        Assert.Equal(45 * Eth, Deliver(op, 15, new TickDue("wave")).Events.Single().AmountGwei);
        // Everyone lost 10 %, as without the wave.
        Assert.Equal(new AssetPool(0, 90 * Eth, 100 * Eth), Assert.Single(op.Pools));

        // With nothing queued the pool bears the penalty alone, as before.
        var alone = new OperatorState(0, "op", SecurityModel.Pooled, [0], [Wad.One / 2], [new AssetPool(0, 100 * Eth, 100 * Eth)], [Wad.One], []);
        Assert.Equal(10 * Eth, Deliver(alone, 2, new ValidatorPenalty("op/native", 10 * Eth, "mass", 1)).Events.Single().AmountGwei);
    }

    [Fact]
    public void A_wave_in_one_asset_leaves_the_other_pools_and_a_second_wave_takes_from_what_is_left()
    {
        // Pools: ETH 100/100 and asset 1 (an LST at 0.5 ETH) 40/40. 50 % of the LST pool: 20 shares worth 10 ETH. Then 50 % of
        // every pool: ETH 50, LST half of the 20 deposit shares left = 10 shares (5 ETH).
        var op = new OperatorState(0, "op", SecurityModel.UniqueStake, [0], [Wad.One / 2],
            [new AssetPool(0, 100 * Eth, 100 * Eth), new AssetPool(1, 40 * Eth, 40 * Eth)], [Wad.One, Wad.One / 2], [],
            withdrawals: new PoolWithdrawals([0, 1], 14, ["eth", "steth"]));
        var first = Deliver(op, 1, new WithdrawalWave(Wad.One / 2, 1, "lst-wave"));
        Assert.Equal((10 * Eth, "asset=steth;deposit_shares=20000000000;shares=20000000000;completes_at_tick=15"),
            (first.Events.Single().AmountGwei, first.Events.Single().Detail));
        var second = Deliver(op, 2, new WithdrawalWave(Wad.One / 2, null, "all-wave"));
        Assert.Equal([50 * Eth, 5 * Eth], second.Events.Select(e => e.AmountGwei));
        Assert.Equal(50 * Eth + 5 * Eth, op.ValueGwei);
        // Completion in queue order, each with its own cause.
        Assert.Equal(["lst-wave"], Deliver(op, 15, new TickDue("lst-wave")).Events.Select(e => e.Cause));
        Assert.Equal(["all-wave", "all-wave"], Deliver(op, 16, new TickDue("all-wave")).Events.Select(e => e.Cause));
        Assert.Equal([new AssetPool(0, 100 * Eth, 100 * Eth), new AssetPool(1, 40 * Eth, 40 * Eth)], op.Pools);
    }

    [Theory]
    [InlineData(86_400, 1_209_600, 14)]   // daily ticks: 14 days
    [InlineData(3_600, 1_209_600, 336)]   // hourly ticks
    [InlineData(432_000, 1_209_600, 3)]   // 5-day ticks: ceil(2.8)
    [InlineData(86_400, 3_600, 1)]        // a testnet-like hour on daily ticks still waits one tick
    [InlineData(300, 300, 1)]             // 25 blocks × 12 s (testnet) on 5-minute ticks
    public void Delays_in_ticks_round_up(int tickSeconds, long delaySeconds, int ticks) =>
        Assert.Equal(ticks, new TickClock(100, tickSeconds).DelayTicks(delaySeconds));
}
