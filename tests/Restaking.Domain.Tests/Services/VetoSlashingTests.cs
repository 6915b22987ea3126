using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Operators;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Services;

/// <summary>
/// A service's veto slasher in the cascade (symbioticfi/core src/contracts/slasher/VetoSlasher.sol through
/// <see cref="ServiceVetoSlasher"/>): request → veto window → execution, the resolver's veto, the caps at execution, and
/// checkpoints of pending requests. Daily ticks: tick t is timestamp 86,400·t + 1 and captures the stake at 86,400·t.
/// </summary>
public class VetoSlashingTests
{
    private const int Day = 86_400;
    private const long Eth = Gwei.PerEth;
    private static readonly ServiceKindRegistry Kinds = Restaking.ServiceKinds.BuiltInKinds.Registry();

    private static ServiceVetoSlasher Slasher(int vetoTicks, VetoResolver resolver) =>
        new(new SlasherSpec(SlasherType.Veto, vetoTicks, resolver), Day);

    private static VetoOutcome Requested(int op, long amount, SlashReason reason, string cause, string detail) =>
        new(VetoStep.Requested, op, amount, reason, cause, 1, detail);

    [Fact]
    public void A_request_waits_for_its_veto_deadline_and_then_executes()
    {
        var slasher = Slasher(2, VetoResolver.VetoesRogue);

        // Tick 3: 50 % of the 7,000 ETH the service sees. vetoDeadline = now + vetoDuration = (3·86,400 + 1) + 2·86,400,
        // first reached at tick 5; a resolver is in force, so executeSlash waits for it (VetoPeriodNotEnded).
        var made = slasher.Request(3, 0, 3_500 * Eth, 7_000 * Eth, SlashReason.Equivocation, "eq", 1);
        Assert.Equal([Requested(0, 3_500 * Eth, SlashReason.Equivocation, "eq", "resolver=vetoes-rogue;veto_deadline_tick=5")], made);
        var request = Assert.Single(slasher.Requests);
        Assert.Equal(3L * Day, request.CaptureTimestamp);
        Assert.Equal(5L * Day + 1, request.VetoDeadline);
        Assert.Equal(5, slasher.NextDueTick);

        Assert.Empty(slasher.ExecuteDue(4));
        Assert.Equal(5, slasher.NextDueTick);
        // The executed request carries its capture tick (3) for a shared vault to measure it at.
        Assert.Equal([new VetoOutcome(VetoStep.Executed, 0, 3_500 * Eth, SlashReason.Equivocation, "eq", 1, null, CaptureTick: 3)], slasher.ExecuteDue(5));
        Assert.True(request.Completed);
        Assert.False(request.Vetoed);
        Assert.Equal(int.MaxValue, slasher.NextDueTick);
    }

    [Fact]
    public void The_resolver_vetoes_what_it_is_for_and_a_vetoed_request_never_executes()
    {
        // vetoes-rogue: a rogue slashing contract's requests are vetoed at once (vetoSlash before the deadline); an
        // equivocation is not.
        var rogue = Slasher(2, VetoResolver.VetoesRogue);
        var vetoed = rogue.Request(1, 0, 1_000 * Eth, 1_000 * Eth, SlashReason.RogueService, "bug", 1);
        Assert.Equal(VetoStep.Vetoed, vetoed[1].Step);
        Assert.Equal(1_000 * Eth, vetoed[1].AmountGwei);
        Assert.Equal("resolver=vetoes-rogue", vetoed[1].Detail);
        Assert.True(rogue.Requests[0].Vetoed);
        Assert.Single(rogue.Request(1, 1, 500 * Eth, 1_000 * Eth, SlashReason.Equivocation, "eq", 1));   // requested, pending
        Assert.Equal(3, rogue.NextDueTick);
        Assert.Equal(VetoStep.Executed, Assert.Single(rogue.ExecuteDue(3)).Step);   // only the equivocation

        // vetoes-all: every request.
        var all = Slasher(2, VetoResolver.VetoesAll);
        Assert.Equal([VetoStep.Requested, VetoStep.Vetoed],
            all.Request(1, 0, 500 * Eth, 1_000 * Eth, SlashReason.Equivocation, "eq", 1).Select(o => o.Step));
        Assert.Equal(int.MaxValue, all.NextDueTick);
    }

    [Fact]
    public void Without_a_resolver_or_without_a_window_a_request_executes_at_once()
    {
        // executeSlash waits only while the network has a resolver and vetoDeadline > now.
        var none = Slasher(2, VetoResolver.None);
        var outcomes = none.Request(4, 2, 250 * Eth, 1_000 * Eth, SlashReason.Outage, "down", 1);
        Assert.Equal([Requested(2, 250 * Eth, SlashReason.Outage, "down", "resolver=none;veto_deadline_tick=6"),
            new VetoOutcome(VetoStep.Executed, 2, 250 * Eth, SlashReason.Outage, "down", 1, null, CaptureTick: 4)], outcomes);
        Assert.Equal(int.MaxValue, none.NextDueTick);

        // A window of 0 ticks: vetoDeadline = now, so vetoSlash reverts VetoPeriodEnded (a failed veto) and the request executes.
        var noWindow = Slasher(0, VetoResolver.VetoesAll);
        var outcomesWithoutWindow = noWindow.Request(4, 2, 250 * Eth, 1_000 * Eth, SlashReason.Outage, "down", 1);
        Assert.Equal([VetoStep.Requested, VetoStep.VetoFailed, VetoStep.Executed], outcomesWithoutWindow.Select(o => o.Step));
        Assert.Equal("resolver=vetoes-all;revert=VetoPeriodEnded", outcomesWithoutWindow[1].Detail);
    }

    private static ServiceVetoSlasher LateSlasher(int vetoTicks, int vetoAfterTicks) =>
        new(new SlasherSpec(SlasherType.Veto, vetoTicks, VetoResolver.VetoesRogue, vetoAfterTicks), Day);

    [Fact]
    public void A_late_veto_inside_the_window_stops_the_request()
    {
        // vetoTicks 3, the resolver vetoes 2 ticks after the request. Request at tick 1: vetoDeadline = (86,400 + 1) + 3·86,400,
        // first reached at tick 4; the veto at tick 3 (now = 3·86,400 + 1 < deadline) passes VetoSlasher.vetoSlash's check.
        var slasher = LateSlasher(3, 2);
        var made = slasher.Request(1, 0, 1_000 * Eth, 1_000 * Eth, SlashReason.RogueService, "bug", 1);
        Assert.Equal([Requested(0, 1_000 * Eth, SlashReason.RogueService, "bug", "resolver=vetoes-rogue;veto_deadline_tick=4;veto_tick=3")], made);
        Assert.Equal(3, slasher.NextDueTick);   // woken for the veto, before the deadline
        Assert.Empty(slasher.ExecuteDue(2));
        Assert.Equal([new VetoOutcome(VetoStep.Vetoed, 0, 1_000 * Eth, SlashReason.RogueService, "bug", 1, "resolver=vetoes-rogue")], slasher.ExecuteDue(3));
        Assert.True(slasher.Requests[0].Vetoed);
        Assert.Equal(int.MaxValue, slasher.NextDueTick);
    }

    [Fact]
    public void A_veto_at_the_deadline_reverts_and_the_request_executes()
    {
        // vetoTicks 2, the resolver vetoes 2 ticks later: at tick 3 now = 3·86,400 + 1 = vetoDeadline, so vetoSlash reverts
        // VetoPeriodEnded (it needs vetoDeadline > now); executeSlash no longer waits (vetoDeadline ≤ now) and runs in the same tick.
        var slasher = LateSlasher(2, 2);
        slasher.Request(1, 0, 1_000 * Eth, 1_000 * Eth, SlashReason.RogueService, "bug", 1);
        Assert.Equal(3, slasher.NextDueTick);
        Assert.Equal([
            new VetoOutcome(VetoStep.VetoFailed, 0, 1_000 * Eth, SlashReason.RogueService, "bug", 1, "resolver=vetoes-rogue;revert=VetoPeriodEnded"),
            new VetoOutcome(VetoStep.Executed, 0, 1_000 * Eth, SlashReason.RogueService, "bug", 1, null, CaptureTick: 1)], slasher.ExecuteDue(3));
        Assert.False(slasher.Requests[0].Vetoed);
        Assert.Equal(int.MaxValue, slasher.NextDueTick);

        // An equivocation is not the resolver's to veto: no veto tick, it simply executes at the deadline.
        var other = LateSlasher(2, 1);
        Assert.Equal("resolver=vetoes-rogue;veto_deadline_tick=3", Assert.Single(other.Request(1, 0, 10 * Eth, 10 * Eth, SlashReason.Equivocation, "eq", 1)).Detail);
        Assert.Equal(3, other.NextDueTick);
        Assert.Equal(VetoStep.Executed, Assert.Single(other.ExecuteDue(3)).Step);
    }

    [Fact]
    public void A_late_veto_still_to_come_survives_a_checkpoint()
    {
        var slasher = LateSlasher(3, 2);
        slasher.Request(1, 0, 1_000 * Eth, 1_000 * Eth, SlashReason.RogueService, "bug", 1);
        slasher.ExecuteDue(2);
        var writer = new CheckpointWriter();
        slasher.SaveState(writer);
        var fresh = LateSlasher(3, 2);
        fresh.RestoreState(new CheckpointReader(writer.ToArray()));
        Assert.Equal(3, fresh.NextDueTick);
        Assert.Equal(slasher.ExecuteDue(3), fresh.ExecuteDue(3));
        Assert.True(fresh.Requests[0].Vetoed);
    }

    [Fact]
    public void A_failed_veto_is_an_event_of_the_service_and_the_slash_goes_out_with_its_capture_tick()
    {
        var service = new ServiceState(0, new ServiceProfile("oracle-1", "oracle", 100 * Eth, null), Kinds.Get("oracle"), Wad.One / 2, Wad.One / 2, 0,
            [0], [1_000 * Eth], _ => 0, LateSlasher(2, 2));
        Deliver(service, EntityRef.Service(0), 1, new RogueSlashing(Wad.One / 5, "bug"));
        var woken = Deliver(service, EntityRef.Service(0), 3, new TickDue("slash-execution"));
        var failed = Assert.Single(woken.Events);
        Assert.Equal((CascadeEventKind.SlashVetoFailed, 200 * Eth, "resolver=vetoes-rogue;revert=VetoPeriodEnded"), (failed.Kind, failed.AmountGwei, failed.Detail));
        Assert.Equal(new SlashingRequest(0, Wad.One, SlashReason.RogueService, "bug", 1, 200 * Eth, CaptureTick: 1), Assert.Single(woken.Outbox).Envelope.Message);
    }

    [Fact]
    public void Execution_is_capped_at_what_the_capture_still_allows_and_a_request_with_nothing_left_lapses()
    {
        // BaseSlasher._slashableStake: stakeAt(capture) − what this network slashed from the operator since the capture.
        var slasher = Slasher(2, VetoResolver.VetoesRogue);
        slasher.Request(1, 0, 600 * Eth, 1_000 * Eth, SlashReason.Equivocation, "a", 1);   // due at tick 3
        // Tick 2: nothing has executed yet, so the service still sees 1,000 and 800 is slashable.
        Assert.Equal(800 * Eth, Assert.Single(slasher.Request(2, 0, 800 * Eth, 1_000 * Eth, SlashReason.Outage, "b", 1)).AmountGwei);
        Assert.Equal(600 * Eth, Assert.Single(slasher.ExecuteDue(3)).AmountGwei);
        // Tick 4: 1,000 at the capture (tick 2) − 600 slashed at tick 3 = 400, not the 800 requested.
        Assert.Equal(400 * Eth, Assert.Single(slasher.ExecuteDue(4)).AmountGwei);

        var emptied = Slasher(2, VetoResolver.VetoesRogue);
        emptied.Request(1, 0, 1_000 * Eth, 1_000 * Eth, SlashReason.Equivocation, "a", 1);
        emptied.Request(2, 0, 500 * Eth, 1_000 * Eth, SlashReason.Outage, "b", 1);
        Assert.Equal(1_000 * Eth, Assert.Single(emptied.ExecuteDue(3)).AmountGwei);
        // 1,000 − 1,000 = 0: executeSlash reverts InsufficientSlash; the request can never execute.
        Assert.Equal(new VetoOutcome(VetoStep.Lapsed, 0, 500 * Eth, SlashReason.Outage, "b", 1, "revert=InsufficientSlash"),
            Assert.Single(emptied.ExecuteDue(4)));
        Assert.Equal(int.MaxValue, emptied.NextDueTick);
    }

    /// <summary>One operator, 1,000 ETH native, securing services 0 and 1 with allocations 0.5 each.</summary>
    private static OperatorState Operator(SecurityModel model) =>
        new(0, "op", model, [0, 1], [Wad.One / 2, Wad.One / 2], [new AssetPool(0, 1_000 * Eth, 1_000 * Eth)], [Wad.One], []);

    /// <summary>Service 0, an oracle secured by operator 0 (seen at <paramref name="seen"/>), slashing
    /// <paramref name="slashFraction"/> for an equivocation through a veto slasher.</summary>
    private static ServiceState VetoService(long seen, long slashFraction, VetoResolver resolver = VetoResolver.VetoesRogue, string? recipient = null) =>
        new(0, new ServiceProfile("oracle-1", "oracle", 100 * Eth, null), Kinds.Get("oracle"), Wad.One / 2, slashFraction, 0,
            [0], [seen], _ => 0, new ServiceVetoSlasher(new SlasherSpec(SlasherType.Veto, 2, resolver), Day), recipient);

    private static CascadeContext Deliver(ICascadeParticipant entity, EntityRef self, int tick, CascadeMessage message, EntityRef? from = null)
    {
        var context = new CascadeContext(tick, 0, self);
        entity.Handle([new Envelope(from ?? EntityRef.Scheduler, 0, message)], context);
        return context;
    }

    [Fact]
    public void The_operator_takes_at_most_what_it_still_has_when_the_request_executes()
    {
        // Symbiotic full restake: oracle-1 sees all 1,000 ETH and requests all of it at tick 1 (due at tick 3).
        var op = Operator(SecurityModel.SymbioticFullRestake);
        var service = VetoService(1_000 * Eth, Wad.One);
        var requested = Deliver(service, EntityRef.Service(0), 1, new EquivocationProven(0, "eq"));
        Assert.Empty(requested.Outbox);
        Assert.Equal(CascadeEventKind.SlashRequested, Assert.Single(requested.Events).Kind);
        Assert.Equal(3, service.NextSlashDueTick);

        // Tick 2: another network slashes 70 % at once: 300 ETH left.
        Deliver(op, EntityRef.Operator(0), 2, new SlashingRequest(1, Wad.One / 10 * 7, SlashReason.Equivocation, "other", 1), EntityRef.Service(1));
        Assert.Equal(300 * Eth, op.ValueGwei);

        // Tick 3: the schedule wakes oracle-1; it executes 1,000 (its capture saw 1,000), the vault takes 300 (onSlash caps).
        var woken = Deliver(service, EntityRef.Service(0), 3, new TickDue("slash-execution"));
        var sent = Assert.IsType<SlashingRequest>(Assert.Single(woken.Outbox).Envelope.Message);
        Assert.Equal(new SlashingRequest(0, Wad.One, SlashReason.Equivocation, "eq", 1, 1_000 * Eth, CaptureTick: 1), sent);
        var slash = Assert.Single(Deliver(op, EntityRef.Operator(0), 3, sent, EntityRef.Service(0)).Events);
        Assert.Equal(300 * Eth, slash.AmountGwei);
        Assert.Equal("wads=1000000000000000000;amount_gwei=300000000000;requested_gwei=1000000000000", slash.Detail);
        Assert.Equal(0, op.ValueGwei);
    }

    [Fact]
    public void Under_unique_stake_an_executed_amount_becomes_a_share_of_the_allocation()
    {
        // ELIP-002: oracle-1 is backed by 1,000 × 0.5 / 1 = 500; 50 % of that is requested: 250 ETH. At execution the
        // operator slashes 250 / 500 = 0.5 of the allocation: 0.5 → 0.25, max magnitude 0.75, 1,000 → 750 ETH.
        var op = Operator(SecurityModel.UniqueStake);
        var service = VetoService(500 * Eth, Wad.One / 2);
        Deliver(service, EntityRef.Service(0), 1, new EquivocationProven(0, "eq"));
        var sent = (SlashingRequest)Assert.Single(Deliver(service, EntityRef.Service(0), 3, new TickDue("slash-execution")).Outbox).Envelope.Message;
        Assert.Equal(250 * Eth, sent.AmountGwei);

        var slash = Assert.Single(Deliver(op, EntityRef.Operator(0), 3, sent, EntityRef.Service(0)).Events);
        Assert.Equal(250 * Eth, slash.AmountGwei);
        Assert.Equal("wads=500000000000000000;max_magnitude=750000000000000000;requested_gwei=250000000000", slash.Detail);
        Assert.Equal(750 * Eth, op.ValueGwei);
    }

    [Fact]
    public void A_rogue_request_is_vetoed_and_nothing_reaches_the_operator()
    {
        var service = VetoService(1_000 * Eth, Wad.One);
        var context = Deliver(service, EntityRef.Service(0), 1, new RogueSlashing(null, "bug"));
        Assert.Empty(context.Outbox);
        Assert.Equal([CascadeEventKind.SlashRequested, CascadeEventKind.SlashVetoed], context.Events.Select(e => e.Kind));
        Assert.All(context.Events, e => Assert.Equal((EntityRef.Service(0), EntityRef.Operator(0), 1_000 * Eth, (SlashReason?)SlashReason.RogueService, 1),
            (e.Source, e.Target, e.AmountGwei, e.Reason, e.Depth)));
        Assert.Equal(int.MaxValue, service.NextSlashDueTick);
    }

    [Fact]
    public void The_attackers_slash_after_an_attack_stays_instant()
    {
        var service = VetoService(1_000 * Eth, Wad.One, VetoResolver.VetoesAll);
        var context = Deliver(service, EntityRef.Service(0), 1, new AttackLaunched(1, [0], [0], "eq", 2), EntityRef.Adversary);
        var sent = Assert.IsType<SlashingRequest>(Assert.Single(context.Outbox).Envelope.Message);
        Assert.Equal(new SlashingRequest(0, Wad.One, SlashReason.Attack, "eq", 3), sent);
        Assert.DoesNotContain(context.Events, e => e.Kind is CascadeEventKind.SlashRequested or CascadeEventKind.SlashVetoed);
    }

    [Fact]
    public void A_pending_request_survives_a_checkpoint_and_executes_the_same()
    {
        // Slash fraction 0.75 of the 1,000 ETH the service sees.
        var slashed = VetoService(1_000 * Eth, Wad.One / 4 * 3);
        Deliver(slashed, EntityRef.Service(0), 1, new RogueSlashing(null, "bug"));       // 750, vetoed
        Deliver(slashed, EntityRef.Service(0), 1, new EquivocationProven(0, "eq-1"));    // 750, due at tick 3
        Deliver(slashed, EntityRef.Service(0), 2, new EquivocationProven(0, "eq-2"));    // 750 of the 1,000 still seen, due at tick 4
        Deliver(slashed, EntityRef.Service(0), 3, new TickDue("slash-execution"));       // eq-1 executes 750
        byte[] bytes = slashed.Save();

        var fresh = VetoService(1_000 * Eth, Wad.One / 4 * 3);
        Assert.Equal(int.MaxValue, fresh.NextSlashDueTick);
        fresh.Restore(bytes);
        Assert.Equal(4, fresh.NextSlashDueTick);
        Assert.Equal(bytes, fresh.Save());
        Assert.Equal(3, fresh.VetoSlasher!.Requests.Count);
        Assert.True(fresh.VetoSlasher.Requests[0].Vetoed);

        // Tick 4: eq-2 may take 1,000 at its capture − 750 slashed since = 250, not 750 (the replayed slasher knows eq-1's slash).
        var a = Deliver(slashed, EntityRef.Service(0), 4, new TickDue("slash-execution"));
        var b = Deliver(fresh, EntityRef.Service(0), 4, new TickDue("slash-execution"));
        Assert.Equal(new SlashingRequest(0, Wad.One, SlashReason.Equivocation, "eq-2", 1, 250 * Eth, CaptureTick: 2), Assert.Single(b.Outbox).Envelope.Message);
        Assert.Equal(a.Outbox, b.Outbox);
        Assert.Equal(slashed.Save(), fresh.Save());
    }

    [Fact]
    public void A_redistributing_service_names_its_recipient_in_the_slash()
    {
        // ELIP-006: the stake still leaves the operator (pooled: 10 % of 1,000); the slash says who receives it.
        var service = new ServiceState(0, new ServiceProfile("da-1", "da-layer", 100 * Eth, null), Kinds.Get("da-layer"), Wad.One / 3,
            Wad.One / 10, 0, [0], [1_000 * Eth], _ => 0, redistributionRecipient: "insurance-fund");
        var sent = (SlashingRequest)Assert.Single(Deliver(service, EntityRef.Service(0), 0, new EquivocationProven(0, "eq")).Outbox).Envelope.Message;
        Assert.Equal(new SlashingRequest(0, Wad.One / 10, SlashReason.Equivocation, "eq", 1, Recipient: "insurance-fund"), sent);

        var slash = Assert.Single(Deliver(Operator(SecurityModel.Pooled), EntityRef.Operator(0), 0, sent, EntityRef.Service(0)).Events);
        Assert.Equal(100 * Eth, slash.AmountGwei);
        Assert.Equal("wads=100000000000000000;max_magnitude=900000000000000000;redistributed_to=insurance-fund", slash.Detail);
    }

    [Fact]
    public void The_slasher_state_round_trips_through_its_checkpoint_bytes()
    {
        var slasher = Slasher(3, VetoResolver.VetoesAll);
        slasher.Request(2, 1, 10 * Eth, 40 * Eth, SlashReason.Outage, "o", 2);
        var writer = new CheckpointWriter();
        slasher.SaveState(writer);
        var fresh = Slasher(3, VetoResolver.VetoesAll);
        fresh.RestoreState(new CheckpointReader(writer.ToArray()));
        Assert.True(fresh.Requests[0].Vetoed);
        Assert.Equal(slasher.Requests[0].VetoDeadline, fresh.Requests[0].VetoDeadline);
        var again = new CheckpointWriter();
        fresh.SaveState(again);
        Assert.Equal(writer.ToArray(), again.ToArray());
    }
}
