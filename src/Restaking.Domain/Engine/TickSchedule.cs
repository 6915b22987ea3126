using Restaking.Domain.Cascade;
using Restaking.Domain.Scenarios;

namespace Restaking.Domain.Engine;

/// <summary>
/// What starts each tick (docs/architecture.md, "One run, as data", step 1): the adversary's first look at tick 0,
/// correlation penalties falling due, operators whose queued withdrawals or allocation changes mature (<see cref="EigenLayerTiming"/>),
/// vaults whose withdrawals become claimable (<see cref="VaultTiming"/>),
/// a tick for every token market, veto slashers whose pending requests are due, listed stakers' own deposits and withdrawals,
/// then the faults scheduled for the tick in file order. Sent by the scheduler.
/// </summary>
public static class TickSchedule
{
    public const string InitialStateCause = "initial-state";
    public const string CorrelationPenaltyCause = "correlation-penalty";
    public const string MarketCause = "market";
    public const string SlashExecutionCause = "slash-execution";

    /// <param name="penaltiesDue">The base chain has correlation penalties due (<see cref="BaseChain.BaseChainState.HasPenaltiesDue"/>).</param>
    /// <param name="nextSlashDueTick">Per service, its <see cref="Services.ServiceState.NextSlashDueTick"/>: asked only of the
    /// services with a veto slasher (<see cref="WorldSpec.VetoSlashingServices"/>). The reference engine reads its world;
    /// the Orleans coordinator, what each service grain last reported.</param>
    /// <param name="marketDueTick">Per token with a market, when it next needs a step (<see cref="Markets.TokenMarket.NextDueTick"/>,
    /// read from the figures its token last reported): an idle market is left out.</param>
    public static IEnumerable<(EntityRef To, CascadeMessage Message)> Start(int tick, WorldSpec world, bool penaltiesDue, Func<int, int> nextSlashDueTick,
        Func<int, int> marketDueTick)
    {
        if (tick == 0) yield return (EntityRef.Adversary, new TickDue(InitialStateCause));
        if (penaltiesDue) yield return (EntityRef.BaseChain, new TickDue(CorrelationPenaltyCause));
        // Before the tick's faults: what matures at a tick's start does so before that tick's slashes.
        foreach (var due in EigenLayerTiming.DueAt(tick, world)) yield return due;
        foreach (var due in VaultTiming.DueAt(tick, world)) yield return due;
        // Every token whose market can trade (an idle market would do nothing and tell no one, so it is left out).
        for (int t = 0; t < world.Tokens.Count; t++)
            if (world.Tokens[t].Market is not null && marketDueTick(t) <= tick) yield return (EntityRef.Token(t), new TickDue(MarketCause));
        foreach (int s in world.VetoSlashingServices)
            if (nextSlashDueTick(s) <= tick) yield return (EntityRef.Service(s), new TickDue(SlashExecutionCause));
        // Listed stakers' deposits and withdrawals: round 0, so the tick's slashes (round 1 at the earliest) reach them.
        foreach (var move in EigenLayerTiming.StakerMovesAt(tick, world)) yield return move;
        foreach (var fault in world.Scenario.Faults.Where(f => f.Tick == tick))
            foreach (var routed in FaultRouting.Route(fault, world))
                yield return routed;
    }

    /// <summary>
    /// The ticks at which the parts of <see cref="Start"/> that follow from the scenario alone can send anything: tick 0,
    /// every fault's tick, EigenLayer's and the vaults' due ticks, listed stakers' moves (a superset: a tick listed here
    /// may still send nothing). Every other tick needs only what the entities' figures say is due.
    /// </summary>
    public static HashSet<int> StaticWorkTicks(WorldSpec world)
    {
        var scenario = world.Scenario;
        var ticks = new HashSet<int> { 0 };
        void Add(long tick)
        {
            if (tick >= 0 && tick < scenario.Ticks.Count) ticks.Add((int)tick);
        }
        long withdrawalDelay = EigenLayerTiming.WithdrawalDelayTicks(scenario), deallocationDelay = EigenLayerTiming.DeallocationDelayTicks(scenario);
        foreach (var fault in scenario.Faults)
        {
            Add(fault.Tick);
            switch (fault.Type)
            {
                case FaultType.WithdrawalWave:
                    Add(fault.Tick + withdrawalDelay);
                    break;
                case FaultType.Reallocate:
                    Add(fault.Tick + EigenLayerTiming.AllocationDelayTicks(scenario, world.Operators[world.OperatorIndex[fault.Operator!]]));
                    Add(fault.Tick + deallocationDelay);
                    break;
                case FaultType.VaultWithdrawal:
                    var vault = VaultTiming.VaultOf(fault, world);
                    Add(VaultTiming.ClaimableTick(fault.Tick, scenario.Vaults[vault.Index].EpochTicksOn(scenario.Ticks)));
                    break;
            }
        }
        var book = world.Stakers;
        foreach (int i in book.Scheduled)
        {
            var own = book.TicksOf(i);
            Add(own.DepositTick);
            if (own.WithdrawTick is { } w)
            {
                Add(w);
                Add(w + withdrawalDelay);
            }
        }
        return ticks;
    }
}
