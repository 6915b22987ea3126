using System.Text.Json;
using Restaking.Domain.Cascade;
using Restaking.Domain.Engine;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;

namespace Restaking.Domain.Tests.Engine;

/// <summary>
/// scenarios/withdrawal-wave.json on the reference engine: what the wave and the reallocations do, against counterfactuals
/// of the same file (no wave; a one-day deallocation delay), with the figures worked by hand from the scenario
/// (docs/models/eigenlayer.md, "EigenLayer delays"). Daily ticks, 14-day delays.
/// </summary>
public class WithdrawalWaveScenarioTests
{
    private const long Eth = 1_000_000_000;
    private static readonly ServiceKindRegistry Kinds = Restaking.ServiceKinds.BuiltInKinds.Registry();

    private sealed record Run(JsonElement Summary, List<JsonElement> Events)
    {
        public IEnumerable<JsonElement> Of(string kind) => Events.Where(e => e.GetProperty("kind").GetString() == kind);
    }

    private static Run RunScenario(Func<string, string>? edit = null)
    {
        var result = ShippedScenario.Run("withdrawal-wave.json", edit);
        return new Run(ShippedScenario.Summary(result), ShippedScenario.Events(result));
    }

    private static int Tick(JsonElement e) => e.GetProperty("tick").GetInt32();

    private static long Amount(JsonElement e) => e.GetProperty("amount_gwei").GetInt64();

    [Fact]
    public void The_wave_makes_the_bridge_profitable_to_attack_and_the_attack_slashes_the_queue()
    {
        var run = RunScenario();
        // Tick 0: bridge-1 is secured by 14,100 ETH (op-a 3,600, op-b 4,800, op-c 3,000, op-e 2,700); an attacker needs 2/3 of it,
        // and the cheapest such coalition {op-b, op-c, op-e} forfeits 10,500 > the 9,000 ETH at risk. After 30 % of every pool is
        // queued the same coalition forfeits 7,350 < 9,000: the adversary takes the bridge in tick 1.
        var attack = run.Of("attack").First();
        Assert.Equal((1, "withdrawal-wave"), (Tick(attack), attack.GetProperty("cause").GetString()));
        Assert.Equal("attack=1;services=1;operators=3;cost_gwei=7350000000000", attack.GetProperty("detail").GetString());
        const string wave = "    { \"id\": \"withdrawal-wave\", \"tick\": 1, \"type\": \"withdrawal-wave\", \"operators\": \"all\", \"fraction\": 0.3 },\n";
        Assert.DoesNotContain(RunScenario(t => t.Contains(wave, StringComparison.Ordinal) ? t.Replace(wave, "", StringComparison.Ordinal) : throw new InvalidOperationException("wave line moved"))
            .Of("attack"), e => Tick(e) == 1);

        // The attackers' bridge allocations are slashed in full, and their queued withdrawals with them (DelegationManager
        // slashOperatorShares): op-b 3,600 × 0.4, op-c 3,000 × 0.3, op-e 2,700 × 0.3; then op-a's equivocation at tick 5 takes
        // 15 % of its 2,700 queued: 1,440 + 900 + 810 + 405 = 3,555 ETH slashed while queued.
        Assert.Equal([1_440 * Eth, 900 * Eth, 810 * Eth, 405 * Eth], run.Of("withdrawalslashed").Select(Amount));
        var withdrawals = run.Summary.GetProperty("eigenlayer").GetProperty("withdrawals");
        Assert.Equal(16_500 * Eth, withdrawals.GetProperty("queuedGwei").GetInt64());
        Assert.Equal(3_555 * Eth, withdrawals.GetProperty("slashedWhileQueuedGwei").GetInt64());

        // Completion at tick 1 + 14 = 15 pays what slashing left: op-a 2,700 × 0.85 = 2,295 ETH.
        var completed = run.Of("withdrawalcompleted").ToList();
        Assert.Equal(6, completed.Count);
        Assert.All(completed, e => Assert.Equal(15, Tick(e)));
        Assert.Equal(2_295 * Eth, Amount(completed[0]));
        // The stETH ones are valued at stETH's NAV after the bridge drain (0.955): op-b 2,160 stETH → 2,062.8 ETH.
        Assert.Equal(2_062_800_000_000, Amount(completed[1]));
        Assert.Equal(12_762_750_000_000, withdrawals.GetProperty("completedGwei").GetInt64());
    }

    [Fact]
    public void Stake_slashed_while_queued_counts_in_every_loss_total_once()
    {
        // Slashed from delegated stake (70 % of each pool after the wave): the attack at tick 1 takes the attackers' bridge
        // allocations (op-b 8,400 × 0.4 = 3,360, op-c 7,000 × 0.3 = 2,100, op-e 6,300 × 0.3 = 1,890: 7,350), the one at tick 17
        // op-c's oracle-2 allocation (2,100), and op-a's equivocation at tick 5 half its oracle-1 one (6,300 × 0.3 × 0.5 = 945). From queued
        // withdrawals: 1,440 + 900 + 810 (attack, tick 1) + 405 (equivocation, tick 5) = 3,555 (the test above). The total is
        // both: 10,395 + 3,555 = 13,950 ETH, by reason equivocation 945 + 405 = 1,350 and attack 9,450 + 3,150 = 12,600.
        var run = RunScenario();
        var slashed = run.Summary.GetProperty("slashedGwei");
        Assert.Equal(13_950 * Eth, slashed.GetProperty("total").GetInt64());
        Assert.Equal(1_350 * Eth, slashed.GetProperty("equivocation").GetInt64());
        Assert.Equal(12_600 * Eth, slashed.GetProperty("attack").GetInt64());
        var from = run.Summary.GetProperty("slashedFromGwei");
        Assert.Equal((10_395 * Eth, 3_555 * Eth), (from.GetProperty("restaked").GetInt64(), from.GetProperty("queued").GetInt64()));
        // The eigenlayer block keeps its breakdown: the same 3,555, not added a second time anywhere.
        Assert.Equal(from.GetProperty("queued").GetInt64(),
            run.Summary.GetProperty("eigenlayer").GetProperty("withdrawals").GetProperty("slashedWhileQueuedGwei").GetInt64());

        // DR24's ψ is the shock's share of the 55,000 ETH restaked at tick 0 (the queued stake was part of it): the
        // equivocation, 1,350 / 55,000 = 0.024545454…; R counts every loss, 13,950 / 55,000 = 0.253636363….
        var dr24 = run.Summary.GetProperty("dr24");
        Assert.Equal("0.024545454", dr24.GetProperty("psi").GetString());
        Assert.Equal("0.253636363", dr24.GetProperty("totalLoss").GetString());
    }

    [Fact]
    public void A_redistributing_service_pays_its_recipient_what_it_slashes_from_queued_withdrawals_too()
    {
        // ELIP-006: slashOperatorShares moves the slashed queued shares into the same burn-or-redistribute bucket as the
        // delegated ones. With bridge-1 redistributing, the attack's bridge slashes pay its recipient 7,350 delegated +
        // 3,150 queued = 10,500 ETH; the rest (op-a's equivocation 945 + 405, op-c's oracle-2 attack 2,100) is burned.
        const string bridge = "{ \"id\": \"bridge-1\", \"kind\": \"bridge\", \"valueAtRiskEth\": 9000, \"wraps\": \"steth\" }";
        var run = RunScenario(t => t.Contains(bridge, StringComparison.Ordinal)
            ? t.Replace(bridge, bridge[..^2] + ", \"redistributionRecipient\": \"bridge-1-insurance\" }", StringComparison.Ordinal)
            : throw new InvalidOperationException("bridge-1 line moved"));
        var destinations = run.Summary.GetProperty("slashDestinations");
        Assert.Equal(10_500 * Eth, destinations.GetProperty("redistributedGwei").GetInt64());
        Assert.Equal(3_450 * Eth, destinations.GetProperty("burnedGwei").GetInt64());
        Assert.Equal(run.Summary.GetProperty("slashedGwei").GetProperty("total").GetInt64(),
            destinations.GetProperty("redistributedGwei").GetInt64() + destinations.GetProperty("burnedGwei").GetInt64());
    }

    [Fact]
    public void The_timeline_splits_slashed_stake_and_a_monte_carlo_trial_counts_the_queued_part()
    {
        var scenario = ShippedScenario.Load("withdrawal-wave.json");
        var result = ShippedScenario.Run(scenario);
        var rows = result.TimelineCsv.TrimEnd('\n').Split('\n').Select(r => r.Split(',')).ToList();
        int total = Array.IndexOf(rows[0], "slashed_gwei"), queued = Array.IndexOf(rows[0], "slashed_queued_gwei");
        Assert.True(queued > total, "slashed_queued_gwei column");
        // Tick 1: 7,350 from the attackers' delegated stake + 3,150 from their queued withdrawals; tick 5 adds 945 + 405.
        Assert.Equal(("10500000000000", "3150000000000"), (rows[2][total], rows[2][queued]));
        Assert.Equal(("11850000000000", "3555000000000"), (rows[6][total], rows[6][queued]));

        var trial = Restaking.Domain.MonteCarlo.MonteCarloTrial.Run(scenario, scenario.Seed, Kinds, TestContext.Current.CancellationToken);
        Assert.Equal(13_950 * Eth, trial.SlashedGwei);
        Assert.Equal(13_950 * Eth + trial.ServiceValueLostGwei + trial.TokenPenaltyGwei, trial.LossGwei);

        // A scenario that cannot queue keeps its columns and its summary's shape.
        var quiet = ShippedScenario.Run("security-models.json");
        Assert.DoesNotContain("slashed_queued_gwei", quiet.TimelineCsv.Split('\n')[0], StringComparison.Ordinal);
        Assert.False(JsonDocument.Parse(quiet.SummaryJson).RootElement.TryGetProperty("slashedFromGwei", out _));
    }

    [Fact]
    public void Staker_losses_count_the_withdrawals_with_the_stake_left()
    {
        // s-a (op-a, 9,000 ETH): 6,300 left × 0.85 = 5,355 plus its withdrawal's 2,295 = 7,650 → loss 0.15, the median.
        // The attackers' stakers lose their bridge allocation on both parts (op-b 0.4, op-c and op-e 0.3) and op-c its
        // oracle-2 allocation at tick 17 (another 0.3 of what was left): s-c ends with 2,800 + 2,100 = 4,900 of 10,000 → 0.51.
        var stakers = RunScenario().Summary.GetProperty("stakers");
        Assert.Equal(4, stakers.GetProperty("withLoss").GetInt32());
        Assert.Equal("0.15", stakers.GetProperty("lossP50").GetString());
        Assert.Equal("0.51", stakers.GetProperty("lossMax").GetString());
    }

    [Fact]
    public void A_deallocation_secures_oracle_2_for_the_whole_delay_and_the_attack_waits_for_it()
    {
        // op-d lowers oracle-2 from 0.4 to 0.05 at tick 3. Until tick 17 its 1,960 ETH (4,900 × 0.4) still secure oracle-2 and
        // no coalition is profitable; from tick 17 op-c alone (2,100 of 4,149.95) passes half of the stake and gains 2,500.
        var run = RunScenario();
        var effective = run.Of("allocationeffective").Single(e => e.GetProperty("target").GetString() == "oracle-2");
        Assert.Equal(17, Tick(effective));
        var oracle2 = run.Of("attack").Single(e => e.GetProperty("target").GetString() == "oracle-2");
        Assert.Equal((17, "op-d-leaves-oracle-2"), (Tick(oracle2), oracle2.GetProperty("cause").GetString()));

        // With a one-day deallocation delay the same change takes effect at tick 4, and so does the attack.
        var quick = RunScenario(t => t.Replace("\"deallocationDelaySeconds\": 1209600", "\"deallocationDelaySeconds\": 86400"));
        Assert.Equal(4, Tick(quick.Of("attack").Single(e => e.GetProperty("target").GetString() == "oracle-2")));

        // op-f's increase at tick 4 waits for its 2-day allocation delay.
        Assert.Equal(6, Tick(run.Of("allocationeffective").Single(e => e.GetProperty("target").GetString() == "oracle-1")));
        var changes = run.Summary.GetProperty("eigenlayer").GetProperty("allocationChanges");
        Assert.Equal((2, 2, 0), (changes.GetProperty("queued").GetInt32(), changes.GetProperty("effective").GetInt32(), changes.GetProperty("rejected").GetInt32()));
    }

    [Fact]
    public void Operators_are_woken_only_when_something_of_theirs_matures()
    {
        var spec = ScenarioExpansion.Expand(ScenarioLoader.Load(RepositoryFiles.Scenario("withdrawal-wave.json"), Kinds.Names).Scenario!);
        List<(EntityRef To, string Cause)> Due(int tick) => EigenLayerTiming.DueAt(tick, spec).Select(d => (d.To, d.Message.Cause)).ToList();
        // Withdrawals queued at tick 1 complete at 15 (all six operators); op-d's decrease (tick 3) at 17; op-f's increase
        // (tick 4) at 4 + 2 = 6 — and at 4 + 14 = 18, in case it had turned out a decrease.
        Assert.Equal(Enumerable.Range(0, 6).Select(v => (EntityRef.Operator(v), "withdrawal-wave")), Due(15));
        Assert.Equal([(EntityRef.Operator(3), "op-d-leaves-oracle-2")], Due(17));
        Assert.Equal([(EntityRef.Operator(5), "op-f-adds-oracle-1")], Due(6));
        Assert.Equal([(EntityRef.Operator(5), "op-f-adds-oracle-1")], Due(18));
        var quiet = Enumerable.Range(0, 30).Except([6, 15, 17, 18]).Where(t => Due(t).Count > 0).ToList();
        Assert.Empty(quiet);
    }

    [Fact]
    public void Delays_longer_than_the_run_never_mature_and_do_not_overflow()
    {
        // One-second ticks and delays of int.MaxValue seconds: every due tick is past the 30-tick run (T + 2^31 − 1 must not wrap).
        var run = RunScenario(t => t.Replace("\"seconds\": 86400", "\"seconds\": 1")
            .Replace("\"withdrawalDelaySeconds\": 1209600, \"deallocationDelaySeconds\": 1209600", "\"withdrawalDelaySeconds\": 2147483647, \"deallocationDelaySeconds\": 2147483647")
            .Replace("\"allocationDelaySeconds\": 172800", "\"allocationDelaySeconds\": 2147483647"));
        var eigenLayer = run.Summary.GetProperty("eigenlayer");
        Assert.Equal(int.MaxValue, eigenLayer.GetProperty("withdrawalDelayTicks").GetInt32());
        Assert.Equal(0, eigenLayer.GetProperty("withdrawals").GetProperty("completed").GetInt32());
        Assert.Equal(0, eigenLayer.GetProperty("allocationChanges").GetProperty("effective").GetInt32());
        Assert.Contains("completes_at_tick=2147483648", run.Of("withdrawalqueued").First().GetProperty("detail").GetString());
        Assert.Contains("effect_tick=2147483651", run.Of("allocationqueued").Last().GetProperty("detail").GetString());
    }

    [Fact]
    public void Scenarios_without_these_faults_have_no_eigenlayer_block()
    {
        Assert.False(ShippedScenario.Summary(ShippedScenario.Run("security-models.json")).TryGetProperty("eigenlayer", out _));
    }
}
