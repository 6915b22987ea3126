using System.Text.Json;
using Restaking.Domain.EigenLayer;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;

namespace Restaking.Domain.Tests.EigenLayer;

/// <summary>
/// The slash escrow of ELIP-006 (SlashEscrowFactory: released "at or after getEscrowCompleteBlock", never while paused) with
/// ELIP-016's delay and pause, worked by hand (docs/models/eigenlayer.md, "Slash escrow"). Ticks are days.
/// </summary>
public sealed class SlashEscrowTests
{
    private const long Day = 86_400;
    private const long Eth = 1_000_000_000;

    private static Escrow Settle(int tick, SlashEscrowSpec spec, int ticks = 12) => SlashEscrows.Settle(0, "fund", tick, Eth, spec, Day, ticks);

    [Fact]
    public void An_escrow_is_released_when_its_delay_has_passed()
    {
        // 4 days = 28,800 blocks × 12 s = 345,600 s: entered at tick 1, complete and released at tick 5.
        var spec = new SlashEscrowSpec(SlashEscrowSpec.Elip006DelaySeconds, []);
        Assert.Equal(345_600, SlashEscrowSpec.Elip006DelaySeconds);
        Assert.Equal(604_800, SlashEscrowSpec.Elip016DelaySeconds);
        Assert.Equal(new Escrow(0, "fund", 1, Eth, 5, EscrowOutcome.Released, 5), Settle(1, spec));
        // A delay that is not a whole number of ticks rounds up: 4 days and 1 s is 5 ticks.
        Assert.Equal(6, Settle(1, new SlashEscrowSpec(345_601, [])).CompleteTick);
        // Complete at the run's last tick (11): released; complete at 12 = the tick count: still held at the end.
        Assert.Equal(EscrowOutcome.Released, Settle(7, spec).Outcome);
        Assert.Equal(new Escrow(0, "fund", 8, Eth, 12, EscrowOutcome.Held, null), Settle(8, spec));
    }

    [Fact]
    public void A_pause_during_the_escrow_stops_its_release_until_it_ends()
    {
        var paused = new SlashEscrowSpec(4 * Day, [new EscrowPause(6, 9, EscrowPauseOutcome.Release)]);
        // Complete at 7, inside [6, 9): released when the pause ends, at 9.
        Assert.Equal(new Escrow(0, "fund", 3, Eth, 7, EscrowOutcome.Released, 9), Settle(3, paused));
        // Complete at 5, before the pause: released at 5. Complete at 9 = the pause's end (exclusive): released at 9.
        Assert.Equal(5, Settle(1, paused).EndTick);
        Assert.Equal(9, Settle(5, paused).EndTick);
        // A pause over only part of the delay (tick 2 to 4) changes nothing: release is at completion, 5.
        Assert.Equal(5, Settle(1, new SlashEscrowSpec(4 * Day, [new EscrowPause(2, 4, EscrowPauseOutcome.Release)])).EndTick);
        // Two pauses back to back ([6, 9) then [9, 10)): released at 10.
        var twice = new SlashEscrowSpec(4 * Day, [new EscrowPause(9, 10, EscrowPauseOutcome.Release), new EscrowPause(6, 9, EscrowPauseOutcome.Release)]);
        Assert.Equal(10, Settle(3, twice).EndTick);
        // A pause without an end holds it past the run.
        Assert.Equal(EscrowOutcome.Held, Settle(3, new SlashEscrowSpec(4 * Day, [new EscrowPause(6, null, EscrowPauseOutcome.Release)])).Outcome);
    }

    [Fact]
    public void A_pause_that_ends_in_a_return_sends_back_every_escrow_waiting_through_it()
    {
        var returned = new SlashEscrowSpec(4 * Day, [new EscrowPause(4, 6, EscrowPauseOutcome.Return)]);
        // Entered at 3 (complete at 7): waiting at the pause, returned at 6 though its delay had not passed.
        Assert.Equal(new Escrow(0, "fund", 3, Eth, 7, EscrowOutcome.Returned, 6), Settle(3, returned));
        // Entered at 5, during the pause: returned at 6 too.
        Assert.Equal(EscrowOutcome.Returned, Settle(5, returned).Outcome);
        // Released at 4? Complete at 4 is the pause's first tick: paused, so returned. Complete at 3 (entered −1 is impossible;
        // entered at 0 with a 3-day delay): released at 3, before the pause.
        Assert.Equal(EscrowOutcome.Returned, Settle(0, returned).Outcome);
        Assert.Equal(new Escrow(0, "fund", 0, Eth, 3, EscrowOutcome.Released, 3), Settle(0, new SlashEscrowSpec(3 * Day, [new EscrowPause(4, 6, EscrowPauseOutcome.Return)])));
        // Entered at 6, after the pause: released at 10 as usual.
        Assert.Equal(10, Settle(6, returned).EndTick);
        // A return pause that outlasts the run returns nothing: held.
        Assert.Equal(EscrowOutcome.Held, Settle(3, new SlashEscrowSpec(4 * Day, [new EscrowPause(4, 20, EscrowPauseOutcome.Return)])).Outcome);
    }

    [Fact]
    public void The_shipped_scenario_escrows_three_slashes_by_hand()
    {
        // slash-escrow.json under unique-stake: op-a, op-b, op-c stake 4,000, 2,000, 1,000 stETH, half allocated to oracle-1;
        // a double-sign slashes half the securing stake: 1,000 (tick 1), 500 (tick 3), 250 (tick 8). Delay 4 ticks, releases
        // paused [6, 9): released at 5, at 9 (complete at 7, paused), held (complete at 12 = the run's end).
        var escrow = ShippedScenario.Summary(ShippedScenario.Run("slash-escrow.json")).GetProperty("slashEscrow");
        Assert.Equal((345_600, 4), (escrow.GetProperty("delaySeconds").GetInt64(), escrow.GetProperty("delayTicks").GetInt32()));
        Assert.Equal(1_750 * Eth, escrow.GetProperty("escrowedGwei").GetInt64());
        Assert.Equal(1_500 * Eth, escrow.GetProperty("releasedGwei").GetInt64());
        Assert.Equal(0, escrow.GetProperty("returnedGwei").GetInt64());
        Assert.Equal(250 * Eth, escrow.GetProperty("heldAtEndGwei").GetInt64());
        var rows = escrow.GetProperty("escrows").EnumerateArray().Select(e => (
            e.GetProperty("tick").GetInt32(), e.GetProperty("gwei").GetInt64(), e.GetProperty("completeTick").GetInt32(),
            e.GetProperty("outcome").GetString(), e.TryGetProperty("endTick", out var end) ? end.GetInt32() : -1)).ToList();
        Assert.Equal([(1, 1_000 * Eth, 5, "released", 5), (3, 500 * Eth, 7, "released", 9), (8, 250 * Eth, 12, "held", -1)], rows);

        // The same world with the pause ending in a return: op-a's escrow was released at 5, before the pause; op-b's (complete
        // at 7) and op-c's (entered at 8, during the pause) wait through it and go back at 9: released 1,000, returned 750.
        var back = ShippedScenario.Summary(ShippedScenario.Run("slash-escrow.json",
            t => ShippedScenario.Replace(t, "\"outcome\": \"release\"", "\"outcome\": \"return\""))).GetProperty("slashEscrow");
        Assert.Equal((1_000 * Eth, 750 * Eth, 0L),
            (back.GetProperty("releasedGwei").GetInt64(), back.GetProperty("returnedGwei").GetInt64(), back.GetProperty("heldAtEndGwei").GetInt64()));

        // Without the block there is no slashEscrow in the summary (and the shipped scenarios keep their bytes).
        var none = ShippedScenario.Summary(ShippedScenario.Run("slash-escrow.json", t => ShippedScenario.Replace(t,
            "\"slashEscrow\": {\n      \"delaySeconds\": 345600,\n      \"pauses\": [ { \"fromTick\": 6, \"untilTick\": 9, \"outcome\": \"release\" } ]\n    }",
            "\"withdrawalDelaySeconds\": 1209600")));
        Assert.False(none.TryGetProperty("slashEscrow", out _));
    }

    [Fact]
    public void A_pause_that_ends_before_it_starts_is_refused_with_its_path()
    {
        var text = ShippedScenario.Replace(ShippedScenario.Text("slash-escrow.json"), "\"untilTick\": 9", "\"untilTick\": 6");
        var load = ScenarioLoader.LoadFromText("bad.json", text, Restaking.ServiceKinds.BuiltInKinds.Registry().Names);
        Assert.False(load.IsValid);
        var error = Assert.Single(load.Errors);
        Assert.Equal(("$.eigenlayer.slashEscrow.pauses[0].untilTick", "range"), (error.Path, error.Rule));
    }
}
