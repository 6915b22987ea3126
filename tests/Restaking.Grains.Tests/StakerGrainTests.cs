using Restaking.Contracts;
using Restaking.Domain.EigenLayer;
using Restaking.Grains.Tests.Support;

namespace Restaking.Grains.Tests;

/// <summary>Staker grains hold no balance: asked after a run, they compute it lazily from their operator's final pool.</summary>
public sealed class StakerGrainTests(OneSiloFixture silo)
{
    [Fact]
    public async Task Staker_positions_after_quickstart_equal_the_domains_lazy_withdrawable_shares_on_the_reference_pools()
    {
        var scenario = ScenarioText.Shipped("quickstart.json");
        var run = scenario.NewRun(keepGrains: true);
        await silo.Engine.RunAsync(run, cancellation: TestContext.Current.CancellationToken);
        var world = ReferenceRuns.Of(scenario).FinalWorld;
        var book = world.Spec.Stakers;
        Assert.Equal(6, book.Count); // quickstart lists alice … frank

        var positions = new List<StakerPosition>();
        for (int i = 0; i < book.Count; i++)
        {
            var position = await silo.Client.GetGrain<IStakerGrain>(GrainKeys.Staker(run.RunId, i)).GetPosition();
            var op = world.Operators[book.Operator[i]];
            var pool = op.Pools.Single(p => p.Asset == book.Asset[i]);
            var expected = new StakerPosition(op.Id, book.Asset[i], book.Amount[i], WithdrawableShares.Of(book.Amount[i], pool.Shares, pool.Deposits));
            Assert.Equal(expected, position);
            positions.Add(position);
        }
        // The comparison is not the trivial one: quickstart's slashes cost some stakers part of their deposit.
        Assert.Contains(positions, p => p.WithdrawableGwei < p.DepositGwei);
    }

    [Fact]
    public async Task Stakers_with_ticks_of_their_own_read_their_cohort_at_the_operator()
    {
        // late-deposits.json: carol deposited 2,000 ETH into op-a slashed to half (k = 2) and lost half of it at tick 10; dave's
        // own withdrawal paid 250; erin deposited 400 after both slashes; alice is a tick-0 staker (4,000 → 1,000).
        var scenario = ScenarioText.Shipped("late-deposits.json");
        var run = scenario.NewRun(keepGrains: true);
        await silo.Engine.RunAsync(run, cancellation: TestContext.Current.CancellationToken);
        const long Eth = 1_000_000_000;
        var expected = new[] { ("op-a", 4_000L, 1_000L), ("op-b", 6_000L, 6_000L), ("op-a", 2_000L, 1_000L), ("op-a", 1_000L, 250L), ("op-a", 400L, 400L), ("op-b", 1_000L, 1_000L) };
        for (int i = 0; i < expected.Length; i++)
        {
            var position = await silo.Client.GetGrain<IStakerGrain>(GrainKeys.Staker(run.RunId, i)).GetPosition();
            Assert.Equal((expected[i].Item1, expected[i].Item2 * Eth, expected[i].Item3 * Eth), (position.Operator, position.DepositGwei, position.WithdrawableGwei));
        }
    }

    [Fact]
    public async Task A_late_deposit_into_an_operator_slashed_almost_to_zero_runs_as_on_the_reference_engine()
    {
        // LateDepositsAlmostZero: carol's s·k is 2e20 gwei, past a long (k = 1e8 after a slash to m = 1e-8). The
        // silo runs it byte for byte as the reference does, and her staker grain reads her 2,000 ETH back; erin's 400 likewise.
        var scenario = new ScenarioText("late-deposits-almost-zero.json", Restaking.Domain.Tests.Engine.LateDepositsAlmostZero.Text);
        var run = scenario.NewRun(keepGrains: true);
        var outcome = await silo.Engine.RunAsync(run, cancellation: TestContext.Current.CancellationToken);
        SameOutputs.Assert(ReferenceRuns.Of(scenario), outcome, "late-deposits almost zero on one silo");
        const long Eth = 1_000_000_000;
        foreach (var (staker, withdrawable) in new[] { (2, 2_000 * Eth), (4, 400 * Eth) })
            Assert.Equal(withdrawable, (await silo.Client.GetGrain<IStakerGrain>(GrainKeys.Staker(run.RunId, staker)).GetPosition()).WithdrawableGwei);
    }
}
