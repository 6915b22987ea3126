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
    public static IEnumerable<(EntityRef To, CascadeMessage Message)> Start(int tick, WorldSpec world, bool penaltiesDue, Func<int, int> nextSlashDueTick)
    {
        if (tick == 0) yield return (EntityRef.Adversary, new TickDue(InitialStateCause));
        if (penaltiesDue) yield return (EntityRef.BaseChain, new TickDue(CorrelationPenaltyCause));
        // Before the tick's faults: what matures at a tick's start does so before that tick's slashes.
        foreach (var due in EigenLayerTiming.DueAt(tick, world)) yield return due;
        foreach (var due in VaultTiming.DueAt(tick, world)) yield return due;
        // Every token with a market trades each tick (an idle market does nothing and tells no one).
        for (int t = 0; t < world.Tokens.Count; t++)
            if (world.Tokens[t].Market is not null) yield return (EntityRef.Token(t), new TickDue(MarketCause));
        foreach (int s in world.VetoSlashingServices)
            if (nextSlashDueTick(s) <= tick) yield return (EntityRef.Service(s), new TickDue(SlashExecutionCause));
        // Listed stakers' deposits and withdrawals: round 0, so the tick's slashes (round 1 at the earliest) reach them.
        foreach (var move in EigenLayerTiming.StakerMovesAt(tick, world)) yield return move;
        foreach (var fault in world.Scenario.Faults.Where(f => f.Tick == tick))
            foreach (var routed in FaultRouting.Route(fault, world))
                yield return routed;
    }
}
