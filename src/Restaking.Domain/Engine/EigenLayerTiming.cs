using Restaking.Domain.Cascade;
using Restaking.Domain.Scenarios;

namespace Restaking.Domain.Engine;

/// <summary>
/// EigenLayer's delays on the run's tick clock (<see cref="TickClock.DelayTicks"/>), and the operators to wake when
/// something they hold matures. The delays are static, so the due ticks follow from the scenario's faults alone: each
/// engine sends a <see cref="TickDue"/> to exactly those operators at exactly those ticks, never to every operator.
/// </summary>
public static class EigenLayerTiming
{
    /// <summary>MIN_WITHDRAWAL_DELAY_BLOCKS in ticks.</summary>
    public static int WithdrawalDelayTicks(Scenario scenario) => scenario.Ticks.DelayTicks(scenario.EigenLayer.WithdrawalDelaySeconds);

    /// <summary>DEALLOCATION_DELAY in ticks.</summary>
    public static int DeallocationDelayTicks(Scenario scenario) => scenario.Ticks.DelayTicks(scenario.EigenLayer.DeallocationDelaySeconds);

    /// <summary>The operator's ALLOCATION_DELAY in ticks (0 when it allocates at once).</summary>
    public static int AllocationDelayTicks(Scenario scenario, OperatorSpec op) => scenario.Ticks.DelayTicks(op.AllocationDelaySeconds);

    /// <summary>
    /// The wake-ups of <paramref name="tick"/>, in fault order: every operator struck by a withdrawal wave d ticks ago
    /// (its withdrawals complete), and every operator that reallocated a or d ticks ago (an increase is slashable after
    /// its allocation delay a, a decrease frees its magnitude after the deallocation delay d; which one it is depends on
    /// the magnitude when it was asked, so both ticks are woken). The cause is the fault, for the contagion tree. Then, in
    /// staker order, the operator of every listed staker that queued its own withdrawal d ticks ago.
    /// </summary>
    public static IEnumerable<(EntityRef To, CascadeMessage Message)> DueAt(int tick, WorldSpec world)
    {
        var scenario = world.Scenario;
        foreach (var fault in scenario.Faults)
        {
            if (fault.Type == FaultType.WithdrawalWave && (long)fault.Tick + WithdrawalDelayTicks(scenario) == tick)
            {
                foreach (int v in FaultRouting.WaveOperators(fault, world))
                    yield return (EntityRef.Operator(v), new TickDue(fault.Id));
            }
            else if (fault.Type == FaultType.Reallocate)
            {
                int v = world.OperatorIndex[fault.Operator!];
                long a = AllocationDelayTicks(scenario, world.Operators[v]), d = DeallocationDelayTicks(scenario);
                if ((a > 0 && fault.Tick + a == tick) || fault.Tick + d == tick)
                    yield return (EntityRef.Operator(v), new TickDue(fault.Id));
            }
        }
        var book = world.Stakers;
        foreach (int i in book.Scheduled)
            if (book.TicksOf(i).WithdrawTick is { } w && (long)w + WithdrawalDelayTicks(scenario) == tick)
                yield return (EntityRef.Operator(book.Operator[i]), new TickDue(WithdrawalCause(book.Id(i))));
    }

    /// <summary>
    /// The listed stakers' own moves at <paramref name="tick"/>, in staker order: deposits reaching their operator
    /// (<see cref="StakerDeposit"/>; a tick-0 deposit is there when the world is built) and withdrawals of all their shares
    /// (<see cref="StakerWithdrawal"/>). The cause names the staker and the move.
    /// </summary>
    public static IEnumerable<(EntityRef To, CascadeMessage Message)> StakerMovesAt(int tick, WorldSpec world)
    {
        var book = world.Stakers;
        foreach (int i in book.Scheduled)
        {
            var ticks = book.TicksOf(i);
            if (ticks.DepositTick == tick && tick > 0) yield return (EntityRef.Operator(book.Operator[i]), new StakerDeposit(i, DepositCause(book.Id(i))));
            if (ticks.WithdrawTick == tick) yield return (EntityRef.Operator(book.Operator[i]), new StakerWithdrawal(i, WithdrawalCause(book.Id(i))));
        }
    }

    /// <summary>The cause of a listed staker's deposit: "{staker}/deposit".</summary>
    public static string DepositCause(string stakerId) => stakerId + "/deposit";

    /// <summary>The cause of a listed staker's own withdrawal (and its completion): "{staker}/withdrawal".</summary>
    public static string WithdrawalCause(string stakerId) => stakerId + "/withdrawal";
}
