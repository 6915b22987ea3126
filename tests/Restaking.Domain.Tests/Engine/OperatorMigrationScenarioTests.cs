using System.Text.Json;
using System.Text.RegularExpressions;
using Restaking.Domain.Engine;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;

namespace Restaking.Domain.Tests.Engine;

/// <summary>
/// scenarios/operator-migration.json on the reference engine: op-x moves its 0.4 of magnitude from oracle-a to oracle-b, a
/// service it never secured, and so changes which oracle can be attacked. Figures worked by hand from the file (docs/models/eigenlayer.md,
/// "Reallocations that open an edge"): unique stake, daily ticks, 14-day deallocation delay, op-x's allocation delay 2 days;
/// oracles have α = 1/2 and 2,500 ETH at risk; op-a1 and op-a2 secure oracle-a with 2,000 ETH each, op-b1 and op-b2
/// oracle-b with 3,000 each, op-x oracle-a with 4,000 (0.4 of 10,000).
/// </summary>
public class OperatorMigrationScenarioTests
{
    private const long Eth = 1_000_000_000;
    private static readonly ServiceKindRegistry Kinds = Restaking.ServiceKinds.BuiltInKinds.Registry();

    private static string Text => ShippedScenario.Text("operator-migration.json");

    private static Scenario Load(string text) => ShippedScenario.LoadText("operator-migration.json", text);

    private static (RunResult Result, List<JsonElement> Events) Run(string text)
    {
        var result = ShippedScenario.Run(Load(text));
        return (result, ShippedScenario.Events(result));
    }

    private static IEnumerable<JsonElement> Of(List<JsonElement> events, string kind) => events.Where(e => e.GetProperty("kind").GetString() == kind);

    private static (int Tick, string Target, string Detail) Attack(JsonElement e) =>
        (e.GetProperty("tick").GetInt32(), e.GetProperty("target").GetString()!, e.GetProperty("detail").GetString()!);

    /// <summary>The file without one fault's line (and the comma a last fault would leave).</summary>
    private static string Without(string text, string faultId) => Regex.Replace(
        string.Join('\n', text.Split('\n').Where(line => !line.Contains($"\"id\": \"{faultId}\"", StringComparison.Ordinal))), @",(\s*\])", "$1");

    /// <summary>The stake the adversary sees op-x put behind each service (world ids), from the graph it searches.</summary>
    private static Dictionary<string, long> AdversaryEdgesOfOpX(RunSession session)
    {
        var (network, serviceOf, operatorOf) = session.World.Adversary.CurrentNetwork();
        int x = Array.IndexOf(operatorOf, session.Spec.OperatorIndex["op-x"]);
        return x < 0 ? [] : network.OperatorEdges(x).ToDictionary(e => session.Spec.Services[serviceOf[e.Service]].Id, e => e.SecuringStakeGwei);
    }

    [Fact]
    public void The_new_edge_opens_after_the_allocation_delay_and_the_adversary_sees_it_from_then()
    {
        var session = new ReferenceEngine(Kinds).Start(Load(Text));
        for (int tick = 0; tick <= 3; tick++) session.RunTick();
        // Ticks 2 and 3: op-x asked for 0.4 of oracle-b, but ALLOCATION_DELAY (2 days) has not passed: oracle-b is secured by
        // op-b1 and op-b2 alone, and the adversary's graph has op-x on oracle-a only.
        Assert.Equal(6_000 * Eth, session.World.Services[1].SecuringStakeGwei);
        Assert.Equal(new Dictionary<string, long> { ["oracle-a"] = 4_000 * Eth }, AdversaryEdgesOfOpX(session));

        session.RunTick();   // tick 4: 10,000 × 0.4 / 1 secures oracle-b; oracle-a keeps it too until the deallocation delay ends
        Assert.Equal(10_000 * Eth, session.World.Services[1].SecuringStakeGwei);
        Assert.Equal(8_000 * Eth, session.World.Services[0].SecuringStakeGwei);
        Assert.Equal(new Dictionary<string, long> { ["oracle-a"] = 4_000 * Eth, ["oracle-b"] = 4_000 * Eth }, AdversaryEdgesOfOpX(session));

        var (_, events) = Run(Text);
        var opened = Of(events, "allocationeffective").First();
        Assert.Equal((4, "oracle-b", "magnitude=0.4;previous=0;edge=opened"),
            (opened.GetProperty("tick").GetInt32(), opened.GetProperty("target").GetString(), opened.GetProperty("detail").GetString()));
    }

    [Fact]
    public void Op_x_on_oracle_b_keeps_the_withdrawal_wave_from_opening_oracle_b_to_attack()
    {
        // Tick 6: op-b1 and op-b2 lose 30 % (3,000 → 2,100 each on oracle-b). With op-x, oracle-b is secured by 8,200 and an
        // attack needs 4,100: op-x alone has 4,000, any pair forfeits more than 2,500. No attack in the whole run on oracle-b.
        var (_, events) = Run(Text);
        Assert.DoesNotContain(Of(events, "attack"), e => e.GetProperty("target").GetString() == "oracle-b");

        // Without the move (and op-x's equivocation, which needs the edge), oracle-b is secured by 4,200 and op-b1 alone
        // (2,100 = half) takes it, forfeiting 2,100 < 2,500.
        var stayed = Run(Without(Without(Text, "op-x-joins-oracle-b"), "op-x-equivocates-on-oracle-b")).Events;
        Assert.Equal((6, "oracle-b", "attack=1;services=1;operators=1;cost_gwei=2100000000000"), Attack(Of(stayed, "attack").First()));

        // A wave before the edge opens (tick 3) takes oracle-b the same way: op-x's pending allocation does not secure it
        // yet, so op-x is neither counted nor among the attackers slashed.
        var early = Run(Text.Replace("\"tick\": 6, \"type\": \"withdrawal-wave\"", "\"tick\": 3, \"type\": \"withdrawal-wave\"", StringComparison.Ordinal)).Events;
        Assert.Equal((3, "oracle-b", "attack=1;services=1;operators=1;cost_gwei=2100000000000"), Attack(Of(early, "attack").First()));
        Assert.DoesNotContain(Of(early, "slash"), e => e.GetProperty("tick").GetInt32() == 3 && e.GetProperty("target").GetString() == "op-x");
    }

    [Fact]
    public void Oracle_b_slashes_op_x_through_the_new_edge_and_oracle_a_is_attacked_when_the_old_one_closes()
    {
        var (result, events) = Run(Text);
        // Tick 10: op-x equivocates on oracle-b: 50 % of its 0.4 there, ceil(0.4 × 0.5) = 0.2 of magnitude = 2,000 ETH.
        var slash = Of(events, "slash").First();
        Assert.Equal((10, "oracle-b", "op-x", 2_000 * Eth),
            (slash.GetProperty("tick").GetInt32(), slash.GetProperty("source").GetString(), slash.GetProperty("target").GetString(), slash.GetProperty("amount_gwei").GetInt64()));

        // Tick 16 = 2 + 14: the deallocation from oracle-a completes; its 4,000 ETH (8,000 × 0.4 / 0.8: the slash on oracle-b
        // left the oracle-a allocation its size) stop securing it. oracle-a is left 4,000, op-a1 alone has half and forfeits
        // 2,000 < 2,500: the attack comes in the same tick, caused by op-x's reallocate.
        var closed = Of(events, "allocationeffective").Last();
        Assert.Equal((16, "oracle-a", 4_000 * Eth, "magnitude=0;previous=0.4;edge=closed"),
            (closed.GetProperty("tick").GetInt32(), closed.GetProperty("target").GetString(), closed.GetProperty("amount_gwei").GetInt64(), closed.GetProperty("detail").GetString()));
        var attack = Assert.Single(Of(events, "attack"));
        Assert.Equal((16, "oracle-a", "attack=1;services=1;operators=1;cost_gwei=2000000000000"), Attack(attack));
        Assert.Equal("op-x-leaves-oracle-a", attack.GetProperty("cause").GetString());

        var summary = JsonDocument.Parse(result.SummaryJson).RootElement;
        Assert.Equal(4_000 * Eth, summary.GetProperty("slashedGwei").GetProperty("total").GetInt64());
        Assert.Equal(24_400 * Eth, summary.GetProperty("finalRestakedGwei").GetInt64());
        var changes = summary.GetProperty("eigenlayer").GetProperty("allocationChanges");
        Assert.Equal((2, 2, 0), (changes.GetProperty("queued").GetInt32(), changes.GetProperty("effective").GetInt32(), changes.GetProperty("rejected").GetInt32()));
    }

    [Fact]
    public void Oracle_b_pays_op_x_from_the_tick_the_edge_opens_and_oracle_a_until_it_closes()
    {
        // 3.65 % a year is 0.01 % a day of the stake securing the service (Accrual.Simple, 365-day year).
        // oracle-a: 4,000 ETH for days 0-16 = 6.4 ETH. oracle-b: 4,000 for days 4-10, then 2,000 (after the slash) for
        // days 10-30 = 2.4 + 4 = 6.4 ETH; nothing for days 2-4, while the allocation waited for its delay.
        var (result, _) = Run(Text);
        var opX = result.FinalWorld.Operators[4];
        Assert.Equal([6_400_000_000, 6_400_000_000], opX.Rewards.PaidByServiceGwei);
        // All service rewards: op-a1 3.2 (attacked at 16), op-a2 6, op-b1 and op-b2 1.8 + 5.04 each, op-x 12.8.
        var gross = JsonDocument.Parse(result.SummaryJson).RootElement.GetProperty("rewards").GetProperty("grossGwei");
        Assert.Equal(35_680_000_000, gross.GetProperty("services").GetInt64());
    }

    [Fact]
    public void Moving_the_whole_allocation_at_once_is_refused_because_the_deallocation_frees_nothing_yet()
    {
        // 0.7 off oracle-a and 0.7 onto oracle-b in the same tick: oracle-a still holds 0.7 for 14 days, 0.7 + 0.7 > 1.
        const string opX = "\"id\": \"op-x\", \"allocationDelaySeconds\": 172800, \"allocations\": [ { \"service\": \"oracle-a\", \"magnitude\": ";
        string text = Text.Replace(opX + "0.4", opX + "0.7", StringComparison.Ordinal)
            .Replace("\"service\": \"oracle-b\", \"magnitude\": 0.4", "\"service\": \"oracle-b\", \"magnitude\": 0.7", StringComparison.Ordinal);
        var error = Assert.Single(ScenarioLoader.LoadFromText("operator-migration.json", text, Kinds.Names).Errors);
        Assert.Equal(("$.faults[1].magnitude", ScenarioRule.AllocationSum), (error.Path, error.Rule));
    }
}
