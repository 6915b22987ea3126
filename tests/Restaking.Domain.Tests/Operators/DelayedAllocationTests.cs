using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Operators;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Operators;

/// <summary>
/// Reallocations at one unique-stake operator, computed by hand (eigenlayer-contracts docs/core/AllocationManager.md
/// "modifyAllocations", "slashOperator"): an increase is encumbered at once but slashable — and securing — only after the
/// operator's allocation delay; a decrease keeps securing and stays slashable for DEALLOCATION_DELAY, and a slash in the
/// meantime shrinks it in proportion. 100 ETH natively restaked, allocations 0.5 to service 0 and 0.3 to service 1;
/// allocation delay 2 ticks, deallocation delay 14 ticks.
/// </summary>
public class DelayedAllocationTests
{
    private const long Eth = Gwei.PerEth;

    private static OperatorState Operator() => new(0, "op", SecurityModel.UniqueStake, [0, 1], [Wad.One / 2, Wad.One * 3 / 10],
        [new AssetPool(0, 100 * Eth, 100 * Eth)], [Wad.One], [EntityRef.Service(0), EntityRef.Service(1), EntityRef.Adversary],
        withdrawals: new PoolWithdrawals([0], 14), delayedAllocations: new DelayedAllocations(["s0", "s1"], [Wad.One / 2, Wad.One * 3 / 10], 2, 14));

    private static CascadeContext Deliver(OperatorState op, int tick, params CascadeMessage[] messages)
    {
        var context = new CascadeContext(tick, 0, EntityRef.Operator(0));
        op.Handle(messages.Select((m, i) => new Envelope(EntityRef.Scheduler, i, m)).ToList(), context);
        return context;
    }

    private static long[] Securing(OperatorState op) => op.Securing().Select(e => e.StakeGwei).ToArray();

    [Fact]
    public void A_deallocation_keeps_securing_and_slashable_until_the_delay_ends()
    {
        var op = Operator();
        Assert.Equal([50 * Eth, 30 * Eth], Securing(op));

        // Tick 3: 0.5 → 0.1. Pending until tick 3 + 14 = 17; nothing moves now, so no one is told.
        var asked = Deliver(op, 3, new Reallocation(0, Wad.One / 10, "leave"));
        var queued = Assert.Single(asked.Events);
        Assert.Equal((CascadeEventKind.AllocationQueued, 40 * Eth), (queued.Kind, queued.AmountGwei));
        Assert.Equal("magnitude=0.1;previous=0.5;effect_tick=17", queued.Detail);
        Assert.Empty(asked.Outbox);
        Assert.Equal([50 * Eth, 30 * Eth], Securing(op));

        // Tick 10: service 0 slashes 50 % of what it sees: ceil(0.5 × 0.5) = 0.25 of magnitude (max 1 → 0.75, shares 100 → 75);
        // the pending decrease of 0.4 shrinks by ceil(0.4 × 0.5) = 0.2, so 0.25 − 0.2 = 0.05 will be left.
        var slash = Deliver(op, 10, new SlashingRequest(0, Wad.One / 2, SlashReason.Equivocation, "eq", 1));
        Assert.Equal(25 * Eth, Assert.Single(slash.Events).AmountGwei);
        Assert.Equal([25 * Eth, 30 * Eth], Securing(op));   // 75 × 0.25 / 0.75 and 75 × 0.3 / 0.75

        // Tick 16: still pending. Tick 17: it takes effect; the services hear that service 0 is secured by 75 × 0.05 / 0.75 = 5.
        Assert.Empty(Deliver(op, 16, new TickDue("leave")).Events);
        var effective = Deliver(op, 17, new TickDue("leave"));
        Assert.Equal((CascadeEventKind.AllocationEffective, 20 * Eth, "leave"),
            (effective.Events.Single().Kind, effective.Events.Single().AmountGwei, effective.Events.Single().Cause));
        var notice = (OperatorStakeChanged)effective.Outbox[0].Envelope.Message;
        Assert.Equal([5 * Eth, 30 * Eth], notice.Securing.Select(e => e.StakeGwei));
        Assert.Equal(3, effective.Outbox.Count);
        Assert.Equal(Wad.One / 20, op.Allocation(0));
    }

    [Fact]
    public void An_increase_is_slashable_only_after_the_allocation_delay_and_a_second_change_waits_for_the_first()
    {
        var op = Operator();
        // Tick 4: service 1 from 0.3 to 0.45 (encumbered 0.95 ≤ 1): effective at tick 4 + 2 = 6.
        Assert.Equal("magnitude=0.45;previous=0.3;effect_tick=6", Deliver(op, 4, new Reallocation(1, Wad.One / 100 * 45, "add")).Events.Single().Detail);
        // ModificationAlreadyPending: the contract reverts a second change while one is pending.
        var again = Deliver(op, 5, new Reallocation(1, Wad.One / 5, "again")).Events.Single();
        Assert.Equal(CascadeEventKind.AllocationRejected, again.Kind);
        Assert.Contains("ModificationAlreadyPending", again.Detail);

        // Tick 5: service 1 slashes all it can reach — the current 0.3, not the pending 0.15: max 1 → 0.7, shares 100 → 70.
        var slash = Deliver(op, 5, new SlashingRequest(1, Wad.One, SlashReason.Attack, "attack", 2));
        Assert.Equal(30 * Eth, Assert.Single(slash.Events).AmountGwei);
        Assert.Equal([50 * Eth, 0], Securing(op));

        // Tick 6: the pending 0.15 becomes slashable: service 1 is secured by 70 × 0.15 / 0.7 = 15 again.
        var effective = Deliver(op, 6, new TickDue("add"));
        Assert.Equal(15 * Eth, effective.Events.Single().AmountGwei);
        Assert.Equal([50 * Eth, 15 * Eth], Securing(op));
    }

    [Fact]
    public void An_increase_beyond_the_max_magnitude_is_rejected_and_one_without_delay_secures_at_once()
    {
        // InsufficientMagnitude: 0.5 + 0.3 encumbered, 0.6 more for service 1 would need 1.4.
        var op = Operator();
        var rejected = Deliver(op, 1, new Reallocation(1, Wad.One * 9 / 10, "too-much")).Events.Single();
        Assert.Equal(CascadeEventKind.AllocationRejected, rejected.Kind);
        Assert.Contains("InsufficientMagnitude", rejected.Detail);

        // Allocation delay 0 (the default): the increase is effective in the tick it is asked, and the services hear of it.
        var instant = new OperatorState(0, "op", SecurityModel.UniqueStake, [0, 1], [Wad.One / 2, Wad.One * 3 / 10],
            [new AssetPool(0, 100 * Eth, 100 * Eth)], [Wad.One], [EntityRef.Service(0), EntityRef.Service(1)],
            withdrawals: new PoolWithdrawals([0], 14), delayedAllocations: new DelayedAllocations(["s0", "s1"], [Wad.One / 2, Wad.One * 3 / 10], 0, 14));
        var now = Deliver(instant, 1, new Reallocation(1, Wad.One / 2, "add"));
        Assert.Equal([CascadeEventKind.AllocationQueued, CascadeEventKind.AllocationEffective], now.Events.Select(e => e.Kind));
        Assert.Equal([50 * Eth, 50 * Eth], ((OperatorStakeChanged)now.Outbox[0].Envelope.Message).Securing.Select(e => e.StakeGwei));
    }

    /// <summary>The same operator, also registered-to-be for service 2, which it has no allocation for at tick 0: the slot of
    /// zero magnitude that ReallocationEdges lays down for a reallocate naming a new service.</summary>
    private static OperatorState Joining() => new(0, "op", SecurityModel.UniqueStake, [0, 1, 2], [Wad.One / 2, Wad.One * 3 / 10, 0],
        [new AssetPool(0, 100 * Eth, 100 * Eth)], [Wad.One], [EntityRef.Service(0), EntityRef.Service(1), EntityRef.Service(2), EntityRef.Adversary],
        withdrawals: new PoolWithdrawals([0], 14), delayedAllocations: new DelayedAllocations(["s0", "s1", "s2"], [Wad.One / 2, Wad.One * 3 / 10, 0], 2, 14));

    [Fact]
    public void An_allocation_to_a_new_service_opens_the_edge_only_when_it_takes_effect()
    {
        var op = Joining();
        Assert.Equal([50 * Eth, 30 * Eth, 0], Securing(op));

        // Tick 3: 0 → 0.2 for service 2 (encumbered 0.5 + 0.3 + 0.2 = 1 ≤ max 1): slashable after the 2-tick allocation delay,
        // so effective at tick 5 (AllocationManager.md "modifyAllocations": effectBlock = now + ALLOCATION_DELAY).
        var asked = Deliver(op, 3, new Reallocation(2, Wad.One / 5, "join"));
        Assert.Equal((CascadeEventKind.AllocationQueued, 20 * Eth, "magnitude=0.2;previous=0;effect_tick=5"),
            (asked.Events.Single().Kind, asked.Events.Single().AmountGwei, asked.Events.Single().Detail));
        Assert.Empty(asked.Outbox);

        // Tick 4: service 2 cannot slash it yet — an AVS slashes only an allocation with a nonzero current magnitude
        // (AllocationManager.md "Evaluating Whether an Allocation is Slashable"): nothing taken, no one told.
        var early = Deliver(op, 4, new SlashingRequest(2, Wad.One, SlashReason.Attack, "attack", 2));
        Assert.Empty(early.Events);
        Assert.Empty(early.Outbox);
        Assert.Equal((Wad.One, 100 * Eth), (op.MaxMagnitude, op.ValueGwei));

        // Tick 5: the edge opens; every service and the adversary hear 100 × 0.2 / 1 = 20 ETH now secure service 2.
        var effective = Deliver(op, 5, new TickDue("join"));
        Assert.Equal((CascadeEventKind.AllocationEffective, 20 * Eth, "magnitude=0.2;previous=0;edge=opened"),
            (effective.Events.Single().Kind, effective.Events.Single().AmountGwei, effective.Events.Single().Detail));
        Assert.Equal([EntityRef.Service(0), EntityRef.Service(1), EntityRef.Service(2), EntityRef.Adversary], effective.Outbox.Select(o => o.To));
        Assert.Equal([50 * Eth, 30 * Eth, 20 * Eth], ((OperatorStakeChanged)effective.Outbox[0].Envelope.Message).Securing.Select(e => e.StakeGwei));

        // Tick 6: now service 2's slashes reach it: 50 % takes ceil(0.2 × 0.5) = 0.1 of magnitude (max 1 → 0.9, 100 → 90 ETH);
        // the other allocations keep their size: 90 × 0.5 / 0.9 = 50 and 90 × 0.3 / 0.9 = 30; service 2 keeps 90 × 0.1 / 0.9 = 10.
        Assert.Equal(10 * Eth, Deliver(op, 6, new SlashingRequest(2, Wad.One / 2, SlashReason.Equivocation, "eq", 1)).Events.Single().AmountGwei);
        Assert.Equal([50 * Eth, 30 * Eth, 10 * Eth], Securing(op));

        // Encumbered 0.5 + 0.3 + 0.1 = 0.9 = max: raising service 2 to 0.3 needs 1.1 (InsufficientMagnitude).
        var more = Deliver(op, 7, new Reallocation(2, Wad.One * 3 / 10, "more")).Events.Single();
        Assert.Equal(CascadeEventKind.AllocationRejected, more.Kind);
        Assert.Contains("InsufficientMagnitude", more.Detail);
    }

    [Fact]
    public void Without_an_allocation_delay_a_new_edge_opens_in_the_tick_it_is_asked()
    {
        // ALLOCATION_DELAY 0 (allowed, and our default): effectBlock = now, already complete (AllocationManager.md "modifyAllocations").
        var op = new OperatorState(0, "op", SecurityModel.UniqueStake, [0, 1, 2], [Wad.One / 2, Wad.One * 3 / 10, 0],
            [new AssetPool(0, 100 * Eth, 100 * Eth)], [Wad.One], [EntityRef.Service(0), EntityRef.Service(1), EntityRef.Service(2)],
            withdrawals: new PoolWithdrawals([0], 14), delayedAllocations: new DelayedAllocations(["s0", "s1", "s2"], [Wad.One / 2, Wad.One * 3 / 10, 0], 0, 14));
        var now = Deliver(op, 1, new Reallocation(2, Wad.One / 5, "join"));
        Assert.Equal(["magnitude=0.2;previous=0;effect_tick=1", "magnitude=0.2;previous=0;edge=opened"], now.Events.Select(e => e.Detail));
        Assert.Equal([50 * Eth, 30 * Eth, 20 * Eth], ((OperatorStakeChanged)now.Outbox[0].Envelope.Message).Securing.Select(e => e.StakeGwei));
    }

    [Fact]
    public void A_deallocation_to_zero_keeps_the_edge_slashable_for_the_delay_then_closes_it()
    {
        var op = Operator();
        // Tick 3: service 0 from 0.5 to 0: pending until 3 + 14 = 17, still securing and slashable meanwhile (DEALLOCATION_DELAY).
        Assert.Equal("magnitude=0;previous=0.5;effect_tick=17", Deliver(op, 3, new Reallocation(0, 0, "leave")).Events.Single().Detail);
        Assert.Equal([50 * Eth, 30 * Eth], Securing(op));

        // Tick 16: a 50 % slash still reaches it: ceil(0.5 × 0.5) = 0.25 (max 0.75, 75 ETH left); the pending 0.5 shrinks by
        // ceil(0.5 × 0.5) = 0.25, so the allocation still ends at 0.
        Assert.Equal(25 * Eth, Deliver(op, 16, new SlashingRequest(0, Wad.One / 2, SlashReason.Equivocation, "eq", 1)).Events.Single().AmountGwei);

        // Tick 17: the edge closes: service 0 loses the 75 × 0.25 / 0.75 = 25 ETH still securing it, and is told so.
        var closed = Deliver(op, 17, new TickDue("leave"));
        Assert.Equal((25 * Eth, "magnitude=0;previous=0.25;edge=closed"), (closed.Events.Single().AmountGwei, closed.Events.Single().Detail));
        Assert.Equal([0, 30 * Eth], ((OperatorStakeChanged)closed.Outbox[0].Envelope.Message).Securing.Select(e => e.StakeGwei));

        // From then on service 0 cannot slash it.
        var after = Deliver(op, 18, new SlashingRequest(0, Wad.One, SlashReason.Attack, "attack", 2));
        Assert.Empty(after.Events);
        Assert.Equal(75 * Eth, op.ValueGwei);
    }

    [Fact]
    public void A_new_edge_pending_at_a_checkpoint_opens_alike_after_a_restore()
    {
        var original = Joining();
        Deliver(original, 3, new Reallocation(2, Wad.One / 5, "join"));
        byte[] bytes = original.Save();

        var fresh = Joining();
        fresh.Restore(bytes);
        Assert.Equal(bytes, fresh.Save());
        var a = Deliver(original, 5, new TickDue("join"));
        var b = Deliver(fresh, 5, new TickDue("join"));
        Assert.Equal(a.Events, b.Events);
        Assert.Contains("edge=opened", b.Events.Single().Detail);
        Assert.Equal([50 * Eth, 30 * Eth, 20 * Eth], Securing(fresh));
        Assert.Equal(original.Save(), fresh.Save());
    }

    [Fact]
    public void Outside_unique_stake_a_reallocation_is_recorded_as_rejected()
    {
        // The loader refuses reallocate faults outside unique stake; an operator that gets one anyway changes nothing.
        var op = new OperatorState(0, "op", SecurityModel.Pooled, [0], [Wad.One / 2], [new AssetPool(0, 100 * Eth, 100 * Eth)], [Wad.One], []);
        var e = Deliver(op, 1, new Reallocation(0, Wad.One / 10, "x")).Events.Single();
        Assert.Equal((CascadeEventKind.AllocationRejected, "magnitude=0.1;reason=allocations have no delays under pooled"), (e.Kind, e.Detail));
    }

    [Fact]
    public void Pending_changes_and_queued_withdrawals_survive_a_checkpoint()
    {
        // Mid-run: a decrease pending, a withdrawal queued and slashed. The restored copy then behaves byte for byte alike.
        var original = Operator();
        Deliver(original, 1, new WithdrawalWave(Wad.One / 5, null, "wave"));
        Deliver(original, 3, new Reallocation(0, Wad.One / 10, "leave"));
        Deliver(original, 10, new SlashingRequest(0, Wad.One / 2, SlashReason.Equivocation, "eq", 1));
        byte[] bytes = original.Save();

        var fresh = Operator();
        fresh.Restore(bytes);
        Assert.Equal(bytes, fresh.Save());
        Assert.Equal(original.Pools, fresh.Pools);
        foreach (int tick in new[] { 15, 17 })
        {
            var a = Deliver(original, tick, new TickDue("wave"));
            var b = Deliver(fresh, tick, new TickDue("wave"));
            Assert.Equal(a.Events, b.Events);
            Assert.NotEmpty(a.Events);   // tick 15: the withdrawal completes (20 × 0.75 = 15); tick 17: the decrease takes effect
        }
        Assert.Equal(original.Save(), fresh.Save());
        Assert.Equal(new AssetPool(0, 75 * Eth, 100 * Eth), Assert.Single(fresh.Pools));

        // Bytes of an operator without delayed allocations do not fit one with them.
        var plain = new OperatorState(0, "op", SecurityModel.UniqueStake, [0, 1], [Wad.One / 2, Wad.One * 3 / 10],
            [new AssetPool(0, 100 * Eth, 100 * Eth)], [Wad.One], []);
        Assert.Throws<CheckpointFormatException>(() => Operator().Restore(plain.Save()));
    }
}
