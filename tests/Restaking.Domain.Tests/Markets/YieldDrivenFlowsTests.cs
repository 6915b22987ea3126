using System.Text.Json;
using Restaking.Domain.Engine;
using Restaking.Domain.Markets;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Markets;

/// <summary>
/// Yield-driven deposits and exits: token yield = promised APR + the NAV's annualized change over the trailing window;
/// flow = YieldFlows.NetFlowTokens(supply, yield, base APR). Daily ticks, so one tick is 1/365 of a year.
/// </summary>
public class YieldDrivenFlowsTests
{
    private const long Supply = 1_000_000_000_000;   // 1,000 tokens
    private static long Wads(decimal d) => Wad.FromDecimal(d);

    private static YieldDrivenFlows Flows(decimal sensitivity, int window = 2) =>
        new(new YieldFlowSpec(Wads(sensitivity), Wads(0.01m), Wads(0.06m), window), Wads(0.035m), 86_400);

    [Fact]
    public void With_no_history_the_promise_is_the_yield_and_the_spread_draws_deposits()
    {
        // spread 0.06 − 0.035 = 0.025; rate 0.1 × 0.025 = 0.0025 of the supply: 2.5 tokens.
        var (yield, net) = Flows(0.1m).Step(Wad.One, Supply);
        Assert.Equal(Wads(0.06m), yield);
        Assert.Equal(2_500_000_000, net);
    }

    [Fact]
    public void A_nav_drop_inside_the_window_turns_the_yield_negative_and_holders_leave_at_the_cap()
    {
        // NAV 1 → 0.99 in one day: −1 % × 365 = −3.65 a year; yield 0.06 − 3.65 = −3.59; spread −3.625 × 0.1 = 0.3625,
        // capped at 0.01 of the supply: 10 tokens leave.
        var flows = Flows(0.1m);
        flows.Step(Wad.One, Supply);
        var (yield, net) = flows.Step(Wads(0.99m), Supply);
        Assert.Equal(Wads(0.06m) - Wads(3.65m), yield);
        Assert.Equal(-10_000_000_000, net);
    }

    [Fact]
    public void The_drop_is_forgotten_once_it_leaves_the_window_and_a_crash_is_clamped()
    {
        var flows = Flows(0.1m, window: 2);
        flows.Step(Wad.One, Supply);
        var crash = flows.Step(Wad.One / 2, Supply);                    // −50 % in a day: −182.5 a year, clamped to −9
        Assert.Equal(Wads(0.06m) - YieldDrivenFlows.NavYieldClampWad, crash.TokenYieldWad);
        var dayAfter = flows.Step(Wad.One / 2, Supply);                 // window of 2: still against NAV 1, two days back: −91.25 → −9
        Assert.Equal(Wads(0.06m) - YieldDrivenFlows.NavYieldClampWad, dayAfter.TokenYieldWad);
        var flat = flows.Step(Wad.One / 2, Supply);                     // against the NAV two days back (0.5): flat again
        Assert.Equal(Wads(0.06m), flat.TokenYieldWad);
        Assert.Equal(2_500_000_000, flat.NetTokens);
    }

    [Fact]
    public void History_survives_a_checkpoint()
    {
        var flows = Flows(0.1m);
        flows.Step(Wad.One, Supply);
        var restored = Flows(0.1m);
        restored.Restore(flows.Save());
        Assert.Equal(flows.Step(Wads(0.99m), Supply), restored.Step(Wads(0.99m), Supply));
        Assert.Throws<Restaking.Domain.Checkpoints.CheckpointFormatException>(() => Flows(0.1m, window: 3).Restore(flows.Save()));
    }

    [Fact]
    public void Shipped_yield_flight_deposits_while_calm_and_exits_only_while_the_slash_is_in_the_window()
    {
        var kinds = Restaking.ServiceKinds.BuiltInKinds.Registry();
        var load = ScenarioLoader.Load(RepositoryFiles.Scenario("yield-flight.json"), kinds.Names);
        Assert.True(load.IsValid, string.Join("\n", load.Errors));
        var result = new ReferenceEngine(kinds).Run(load.Scenario!, cancellation: TestContext.Current.CancellationToken);
        var events = result.EventLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var exits = events.Where(e => e.GetProperty("kind").GetString() == "yieldexit").Select(e => e.GetProperty("tick").GetInt32()).ToList();
        var deposits = events.Where(e => e.GetProperty("kind").GetString() == "deposit").Select(e => e.GetProperty("tick").GetInt32()).ToList();
        // The slash lands at tick 72; the 24-tick window holds it for ticks 73 … 96 (tick 72 itself still compares NAVs before it).
        Assert.Equal(Enumerable.Range(73, 24), exits);
        Assert.Contains(0, deposits);
        Assert.Contains(72, deposits);
        Assert.DoesNotContain(deposits, t => t is > 72 and < 97);
        var token = JsonDocument.Parse(result.SummaryJson).RootElement.GetProperty("tokens")[0];
        Assert.True(token.GetProperty("yieldDepositsGwei").GetInt64() > 0);
        // Minting at NAV (the ETH rounded up) never lowers NAV: tick to tick it only falls at the slash.
        var rows = result.TimelineCsv.TrimEnd('\n').Split('\n');
        int nav = Array.IndexOf(rows[0].Split(','), "nav_xeth_wad");
        var navs = rows.Skip(1).Select(r => long.Parse(r.Split(',')[nav], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var falls = Enumerable.Range(1, navs.Count - 1).Where(t => navs[t] < navs[t - 1]).ToList();
        Assert.Equal([72], falls);
    }
}
