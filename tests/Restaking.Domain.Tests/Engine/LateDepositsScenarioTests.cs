using System.Text.Json;
using Restaking.Domain.Cascade;
using Restaking.Domain.Engine;
using Restaking.Domain.Operators;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;

namespace Restaking.Domain.Tests.Engine;

/// <summary>
/// scenarios/late-deposits.json on the reference engine, figures worked by hand (docs/models/eigenlayer.md, "Deposits during a run"). op-a's
/// ETH pool at tick 0: alice 4,000 and the LRT xeth 2,000 (tick-0 stakers), dave 1,000 (withdraws at tick 8): 7,000 ETH.
/// Tick 2: oracle-1 slashes 80 % of op-a's 0.625 allocation, m 1 → 0.5 (7,000 → 3,500). Tick 5: carol deposits 2,000 with
/// k = 2 (SharesAccounting.md "Deposits": k = WAD / (l·m)). Tick 8: dave queues his 500. Tick 10: op-a equivocates on
/// bridge-1 and loses its 0.25 allocation, m 0.5 → 0.25: the delegated 5,000 → 2,500 and dave's queued 500 → 250. Tick 12:
/// erin deposits 400 with k = 4. Tick 3: frank deposits 1,000 stETH into the unslashed op-b (k = 1). Withdrawal delay 14 days.
/// </summary>
public class LateDepositsScenarioTests
{
    private const long Eth = 1_000_000_000;

    private sealed record Run(JsonElement Summary, List<JsonElement> Events, RunResult Result)
    {
        public IEnumerable<JsonElement> Of(string kind) => Events.Where(e => e.GetProperty("kind").GetString() == kind);
    }

    private static Scenario Load(Func<string, string>? edit = null) => ShippedScenario.Load("late-deposits.json", edit);

    private static Run RunScenario(Func<string, string>? edit = null)
    {
        var result = ShippedScenario.Run(Load(edit));
        return new Run(ShippedScenario.Summary(result), ShippedScenario.Events(result), result);
    }

    private static string Edit(string text, string from, string to) => ShippedScenario.Replace(text, from, to);

    private static (int Tick, string Kind, string Cause, long Amount) Row(JsonElement e) =>
        (e.GetProperty("tick").GetInt32(), e.GetProperty("kind").GetString()!, e.GetProperty("cause").GetString()!, e.GetProperty("amount_gwei").GetInt64());

    /// <summary>What a staker can withdraw at the end (its own cohort, or its pool's share for a tick-0 staker), in ETH gwei.</summary>
    private static long Withdrawable(Run run, string staker)
    {
        var world = run.Result.FinalWorld;
        var book = world.Spec.Stakers;
        int i = Enumerable.Range(0, book.Count).Single(j => book.Id(j) == staker);
        var op = world.Operators[book.Operator[i]];
        if (book.HasOwnTicks(i)) return op.Cohorts.Single(c => c.Staker == i).WithdrawableShares;
        var pool = op.Pools.Single(p => p.Asset == book.Asset[i]);
        return Restaking.Domain.EigenLayer.WithdrawableShares.Of(book.Amount[i], pool.Shares, pool.Deposits);
    }

    [Fact]
    public void The_late_deposit_is_worth_what_was_deposited_and_the_second_slash_takes_half_of_everyone()
    {
        var run = RunScenario();
        Assert.Equal(
            [
                (2, "slash", "oracle-bug", 3_500 * Eth),                 // 7,000 × 0.8 × 0.625
                (3, "deposit", "frank/deposit", 1_000 * Eth),
                (5, "deposit", "carol/deposit", 2_000 * Eth),
                (8, "withdrawalqueued", "dave/withdrawal", 500 * Eth),   // 1,000 × 5,500 / 11,000
                (10, "slash", "op-a-equivocates", 2_500 * Eth),          // half of the 5,000 delegated
                (10, "withdrawalslashed", "op-a-equivocates", 250 * Eth), // half of dave's queued 500
                (12, "deposit", "erin/deposit", 400 * Eth),
                (22, "withdrawalcompleted", "dave/withdrawal", 250 * Eth), // q = 1,000 × m(tick 21) = 0.25
            ],
            run.Events.Select(Row));
        // k: WAD / 0.5 for carol, WAD / 0.25 for erin, WAD for frank at the unslashed op-b.
        Assert.Equal(["slashing_factor=1;deposit_scaling_factor=1", "slashing_factor=0.5;deposit_scaling_factor=2", "slashing_factor=0.25;deposit_scaling_factor=4"],
            run.Of("deposit").Select(e => e.GetProperty("detail").GetString()!.Split(';', 3)[2]));

        // At the end: alice 4,000 × 0.5 × 0.5 = 1,000; carol deposited 2,000 into the slashed pool and lost half once (1,000); dave's
        // withdrawal paid 250; erin came after both slashes and keeps 400; frank's op-b was never slashed.
        Assert.Equal([1_000 * Eth, 1_000 * Eth, 250 * Eth, 400 * Eth, 1_000 * Eth, 6_000 * Eth],
            new[] { "alice", "carol", "dave", "erin", "frank", "bob" }.Select(s => Withdrawable(run, s)));
        var xeth = run.Summary.GetProperty("tokens")[1];
        Assert.Equal(("xeth", "0.25"), (xeth.GetProperty("id").GetString(), xeth.GetProperty("finalNav").GetString()));
        var stakers = run.Summary.GetProperty("stakers");
        Assert.Equal((3, "0", "0.75"), (stakers.GetProperty("withLoss").GetInt32(), stakers.GetProperty("lossP50").GetString(), stakers.GetProperty("lossMax").GetString()));

        // Restaked stake: 13,000 at tick 0 (7,000 + 6,000); 9,500 after the first slash; +1,000 (frank), +2,000 (carol), −500 (dave's
        // withdrawal leaves the stake), 12,000 − 2,500 = 9,500 after the second slash, +400 (erin): 9,900.
        Assert.Equal(13_000 * Eth, run.Summary.GetProperty("initialRestakedGwei").GetInt64());
        Assert.Equal(9_900 * Eth, run.Summary.GetProperty("finalRestakedGwei").GetInt64());
        var eigenLayer = run.Summary.GetProperty("eigenlayer");
        var deposits = eigenLayer.GetProperty("deposits");
        Assert.Equal((3, 3_400 * Eth, 0), (deposits.GetProperty("count").GetInt32(), deposits.GetProperty("depositedGwei").GetInt64(), deposits.GetProperty("rejected").GetInt32()));
        var withdrawals = eigenLayer.GetProperty("withdrawals");
        Assert.Equal((1, 500 * Eth, 250 * Eth, 1, 250 * Eth),
            (withdrawals.GetProperty("queued").GetInt32(), withdrawals.GetProperty("queuedGwei").GetInt64(), withdrawals.GetProperty("slashedWhileQueuedGwei").GetInt64(),
             withdrawals.GetProperty("completed").GetInt32(), withdrawals.GetProperty("completedGwei").GetInt64()));
        // Slashed, every loss counted once: 3,500 (tick 2) + 2,500 delegated and 250 from dave's queued withdrawal (tick 10);
        // the queued part shows in slashedFromGwei although no withdrawal-wave fault exists (dave's own withdrawTick).
        Assert.Equal(6_250 * Eth, run.Summary.GetProperty("slashedGwei").GetProperty("total").GetInt64());
        var from = run.Summary.GetProperty("slashedFromGwei");
        Assert.Equal((6_000 * Eth, 250 * Eth), (from.GetProperty("restaked").GetInt64(), from.GetProperty("queued").GetInt64()));
    }

    [Fact]
    public void The_earlier_stakers_keep_their_loss_and_neither_gain_nor_lose_by_the_late_deposits()
    {
        // With carol and erin depositing into the unslashed op-b instead, alice, dave and xeth end exactly where they do when
        // the two deposit into op-a: the late deposits neither forgive the earlier stakers' loss nor share it.
        var run = RunScenario();
        var without = RunScenario(t => Edit(Edit(t, "\"id\": \"carol\", \"operator\": \"op-a\"", "\"id\": \"carol\", \"operator\": \"op-b\""),
            "\"id\": \"erin\", \"operator\": \"op-a\"", "\"id\": \"erin\", \"operator\": \"op-b\""));
        foreach (var staker in new[] { "alice", "dave" }) Assert.Equal(Withdrawable(run, staker), Withdrawable(without, staker));
        Assert.Equal(run.Summary.GetProperty("tokens")[1].GetProperty("finalNav").GetString(), without.Summary.GetProperty("tokens")[1].GetProperty("finalNav").GetString());
        Assert.Equal([2_000 * Eth, 400 * Eth], new[] { "carol", "erin" }.Select(s => Withdrawable(without, s)));
        // The restaked total ends 1,000 higher: the half of carol's 2,000 that op-a's second slash took.
        Assert.Equal(10_900 * Eth, without.Summary.GetProperty("finalRestakedGwei").GetInt64());
    }

    [Fact]
    public void Pooled_the_first_slash_gives_k_of_five_and_a_deposit_after_the_second_is_refused()
    {
        // Pooled restake: oracle-1's 80 % takes 80 % of all op-a holds (m 1 → 0.2; 7,000 → 1,400). carol: k = WAD / 0.2 = 5.
        // dave queues 1,000 × 3,400 / 17,000 = 200. The bridge equivocation (100 %) then takes everything, the queue included
        // (m = 0): erin's deposit meets a slashing factor of 0 and is refused (FullySlashed); dave's withdrawal pays 0.
        var run = RunScenario(t => Edit(t, "\"securityModel\": \"unique-stake\"", "\"securityModel\": \"pooled\""));
        Assert.Contains(run.Of("deposit"), e => e.GetProperty("detail").GetString()!.EndsWith("slashing_factor=0.2;deposit_scaling_factor=5", StringComparison.Ordinal));
        Assert.Equal([(8, "withdrawalqueued", "dave/withdrawal", 200 * Eth), (10, "withdrawalslashed", "op-a-equivocates", 200 * Eth),
                      (12, "depositrejected", "erin/deposit", 400 * Eth), (22, "withdrawalcompleted", "dave/withdrawal", 0)],
            run.Events.Where(e => e.GetProperty("kind").GetString() is "withdrawalqueued" or "withdrawalslashed" or "depositrejected" or "withdrawalcompleted").Select(Row));
        var deposits = run.Summary.GetProperty("eigenlayer").GetProperty("deposits");
        Assert.Equal((2, 1), (deposits.GetProperty("count").GetInt32(), deposits.GetProperty("rejected").GetInt32()));
        // alice, carol and dave lost everything; erin holds nothing restaked, she kept her 400 outside (no loss, no rewards position).
        Assert.Equal([0, 0, 0, 0], new[] { "alice", "carol", "dave", "erin" }.Select(s => Withdrawable(run, s)));
        Assert.Equal(CohortStatus.Refused, run.Result.FinalWorld.Operators[0].Cohorts.Single(c => c.Staker == 4).Status);
        Assert.Equal("1", run.Summary.GetProperty("stakers").GetProperty("lossMax").GetString());
        Assert.Equal(3, run.Summary.GetProperty("stakers").GetProperty("withLoss").GetInt32());
        Assert.Equal(5, run.Summary.GetProperty("rewards").GetProperty("stakers").GetProperty("count").GetInt32());
    }

    [Fact]
    public void Pooled_a_withdrawal_after_everything_is_gone_is_neither_queued_nor_counted()
    {
        // Pooled, with dave withdrawing at tick 11, after the tick-10 equivocation took everything (m = 0): he has nothing to
        // queue. Nothing is recorded (OperatorState.QueueStakerWithdrawal), so the eigenlayer block does not read "queued 1,
        // completed 0" for a withdrawal that never completes.
        var run = RunScenario(t => Edit(Edit(t, "\"securityModel\": \"unique-stake\"", "\"securityModel\": \"pooled\""), "\"withdrawTick\": 8", "\"withdrawTick\": 11"));
        Assert.Empty(run.Of("withdrawalqueued"));
        Assert.Empty(run.Of("withdrawalcompleted"));
        var withdrawals = run.Summary.GetProperty("eigenlayer").GetProperty("withdrawals");
        Assert.Equal((0, 0, 0L), (withdrawals.GetProperty("queued").GetInt32(), withdrawals.GetProperty("completed").GetInt32(), withdrawals.GetProperty("queuedGwei").GetInt64()));
        Assert.Equal(CohortStatus.Withdrawn, run.Result.FinalWorld.Operators[0].Cohorts.Single(c => c.Staker == 3).Status);
        Assert.Equal(0, Withdrawable(run, "dave"));
    }

    [Fact]
    public void A_deposit_into_an_operator_slashed_almost_to_zero_is_worth_its_deposit()
    {
        // Tick 2: m 1 → 1e-8, op-a's 7e12 gwei → 70,000. Tick 5: carol's 2,000 ETH meets l·m = 70,000 / 7e12 = 1e-8: k = 1e8,
        // s·k = 2e20 gwei (past a long; uint256 in EigenLayer); S = 2e12 + 70,000 and Σ s·k = 2e20 + 7e12 = 1e8 × S, so she can
        // withdraw 2e12, her deposit. Tick 8: dave queues 1e12 / 1e8 = 10,000 gwei (q = 10,000 / 1e-8 = 1e12) and gets it at 22.
        // Tick 12: erin's 400 ETH meets (2e12 + 60,000) / (2e20 + 6e12) = 1e-8 too: k = 1e8, worth 400 ETH. alice keeps
        // 4e12 × 1e-8 = 40,000 gwei.
        var run = RunScenario(LateDepositsAlmostZero.Of);
        Assert.Equal(2, run.Of("deposit").Count(e => e.GetProperty("detail").GetString()!.EndsWith("slashing_factor=0.00000001;deposit_scaling_factor=100000000", StringComparison.Ordinal)));
        Assert.Equal([(8, "withdrawalqueued", "dave/withdrawal", 10_000L), (22, "withdrawalcompleted", "dave/withdrawal", 10_000L)],
            run.Events.Where(e => e.GetProperty("kind").GetString() is "withdrawalqueued" or "withdrawalcompleted").Select(Row));
        Assert.Equal([40_000, 2_000 * Eth, 10_000, 400 * Eth], new[] { "alice", "carol", "dave", "erin" }.Select(s => Withdrawable(run, s)));
    }

    [Fact]
    public void The_operator_is_woken_only_at_the_stakers_ticks()
    {
        var spec = ScenarioExpansion.Expand(Load());
        List<(EntityRef To, string Cause)> Moves(int tick) => EigenLayerTiming.StakerMovesAt(tick, spec).Select(d => (d.To, d.Message.Cause)).ToList();
        Assert.Equal([(EntityRef.Operator(1), "frank/deposit")], Moves(3));
        Assert.Equal([(EntityRef.Operator(0), "carol/deposit")], Moves(5));
        Assert.Equal([(EntityRef.Operator(0), "dave/withdrawal")], Moves(8));
        Assert.Equal([(EntityRef.Operator(0), "erin/deposit")], Moves(12));
        Assert.Empty(Enumerable.Range(0, 30).Except([3, 5, 8, 12]).SelectMany(Moves));
        // dave's withdrawal completes at 8 + 14 = 22: the only EigenLayer wake-up of the run.
        Assert.Equal([(EntityRef.Operator(0), "dave/withdrawal")], EigenLayerTiming.DueAt(22, spec).Select(d => (d.To, d.Message.Cause)));
        Assert.Empty(Enumerable.Range(0, 30).Except([22]).SelectMany(t => EigenLayerTiming.DueAt(t, spec)));
        // Expansion: the listed stakers with ticks of their own, and no late deposit among the tick-0 facts.
        Assert.Equal([2, 3, 4, 5], spec.Stakers.Scheduled);
        Assert.Equal(new StakerTicks(5, null), spec.Stakers.TicksOf(2));
        Assert.False(spec.Stakers.HasOwnTicks(0));
    }

    [Fact]
    public void A_deposit_past_the_runs_end_never_reaches_the_operator()
    {
        // Run 4 ticks only (as --ticks 4 would): carol (tick 5) and erin (tick 12) never deposit, dave never withdraws.
        var scenario = Load().WithOverrides(null, 4, null);
        var result = ShippedScenario.Run(scenario);
        var op = result.FinalWorld.Operators[0];
        Assert.Equal([CohortStatus.Waiting, CohortStatus.Active, CohortStatus.Waiting], op.Cohorts.Select(c => c.Status));
        var summary = JsonDocument.Parse(result.SummaryJson).RootElement;
        Assert.Equal(1, summary.GetProperty("eigenlayer").GetProperty("deposits").GetProperty("count").GetInt32());
        // Those who never deposited lost nothing, and are left out of the rewards block (no position): 6 − 2 stakers.
        Assert.Equal(4, summary.GetProperty("rewards").GetProperty("stakers").GetProperty("count").GetInt32());
        Assert.Equal(2, summary.GetProperty("stakers").GetProperty("withLoss").GetInt32());   // alice and dave, after the tick-2 slash
    }

    [Fact]
    public void Symbiotic_models_refuse_the_stakers_ticks_also_when_the_model_is_overridden()
    {
        var scenario = Load();
        Assert.Empty(FaultModelRules.Check(scenario, "late-deposits.json"));
        Assert.Empty(FaultModelRules.Check(scenario.WithOverrides(null, null, SecurityModel.Pooled), "late-deposits.json"));
        var errors = FaultModelRules.Check(scenario.WithOverrides(null, null, SecurityModel.SymbioticFullRestake), "late-deposits.json");
        Assert.Equal(["$.stakers[2].depositTick", "$.stakers[3].withdrawTick", "$.stakers[4].depositTick", "$.stakers[5].depositTick"], errors.Select(e => e.Path));
        Assert.All(errors, e => Assert.Equal(ScenarioRule.SecurityModel, e.Rule));
    }
}
