using Restaking.Domain.Cascade;
using Restaking.Domain.Scenarios;

namespace Restaking.Domain.Engine;

/// <summary>What one tick did.</summary>
public readonly record struct TickResult(int Tick, int CascadeRounds, bool RoundCapHit, int Events);

/// <summary>
/// The one scheduler of a run (docs/architecture.md, "One run, as data"), whichever host carries its entities. Per tick:
/// <list type="number">
/// <item>the schedule (<see cref="TickSchedule"/>) is delivered from the run's clock;</item>
/// <item>cascade rounds: every entity with mail applies it (<see cref="IEntityHost.Process"/>); what is sent in round r is
/// applied in round r + 1; rounds repeat until nobody sends, or until <c>maxCascadeRounds</c>, when the mail still in flight
/// opens the next tick (it stays with the host; the driver carries who has it) and the hit is counted;</item>
/// <item>end of tick: the figures the entities reported make the timeline's row (<see cref="RunRecorder"/>).</item>
/// </list>
/// At the end, <see cref="Final"/> asks the entities what the summary reads. Between ticks the driver's own state —
/// next tick, who carries mail, the figures and the recorder — is all a host must checkpoint besides its entities.
/// </summary>
public sealed class TickDriver(WorldSpec spec, IEntityHost host, RunRecorder recorder, TimelineFigures figures)
{
    private SortedSet<EntityRef> carried = [];

    public WorldSpec Spec { get; } = spec;
    public RunRecorder Recorder { get; } = recorder;
    public TimelineFigures Figures { get; } = figures;

    /// <summary>The tick <see cref="RunTick"/> runs next (= ticks done).</summary>
    public int NextTick { get; private set; }

    public int Ticks => Spec.Scenario.Ticks.Count;
    public bool Finished => NextTick >= Ticks;

    /// <summary>Entities with mail a tick cut by <c>maxCascadeRounds</c> carries into the next tick.</summary>
    public IReadOnlyCollection<EntityRef> Carried => carried;

    /// <summary>Called after each round with the round's number and the entities that applied mail in it.</summary>
    public Action<int, IReadOnlyList<EntityRef>>? RoundObserver { get; set; }

    public async ValueTask<TickResult> RunTick()
    {
        if (Finished) throw new InvalidOperationException($"the run has {Ticks} ticks and all of them ran");
        int tick = NextTick;

        // 1. The schedule, sent by the run's clock in sequence order.
        var schedule = new List<(EntityRef To, Envelope Envelope)>();
        foreach (var (to, message) in TickSchedule.Start(tick, Spec, Spec.ValidatorGroups.Count > 0 && Figures.PenaltiesDue(tick), Figures.NextSlashDueTick))
            schedule.Add((to, new Envelope(EntityRef.Scheduler, schedule.Count, message)));
        var active = carried;
        if (schedule.Count > 0) await host.Deliver(tick, schedule);
        foreach (var (to, _) in schedule) active.Add(to);

        // 2. Cascade rounds until nobody sends (or the cap is hit: the rest opens the next tick).
        var events = new List<CascadeEvent>();
        int round = 0;
        bool capHit = false;
        while (active.Count > 0)
        {
            if (round == Spec.Scenario.MaxCascadeRounds) { capHit = true; break; }
            var entities = active.ToArray();
            var reports = await host.Process(tick, round, entities);
            var next = new SortedSet<EntityRef>();
            for (int i = 0; i < entities.Length; i++)
            {
                var report = reports[i];
                events.AddRange(report.Events);
                Figures.Update(entities[i], report.Figures);
                next.UnionWith(report.Recipients);
            }
            RoundObserver?.Invoke(round, entities);
            active = next;
            round++;
        }
        carried = capHit ? active : [];

        // 3. End of tick: the timeline's row from the figures the entities reported.
        Recorder.RecordTick(tick, events, round, capHit, Figures.Snapshot());
        NextTick = tick + 1;
        return new TickResult(tick, round, capHit, events.Count);
    }

    /// <summary>What the summary reads, asked of every entity once the last tick ran.</summary>
    public async ValueTask<FinalState> Final()
    {
        int end = Ticks;
        var operators = await host.Query(All(EntityKind.Operator, Spec.Operators.Count), Projections.OperatorFinal, end);
        var compromised = await host.Query(All(EntityKind.Service, Spec.Services.Count), Projections.ServiceCompromised);
        var tokens = await host.Query(All(EntityKind.Token, Spec.Tokens.Count), Projections.TokenFinal, end);
        var lending = await host.Query(All(EntityKind.LendingMarket, Spec.Scenario.LendingMarkets.Count), Projections.LendingMarketFinal);
        int pending = Spec.ValidatorGroups.Count > 0 ? (await host.Query([EntityRef.BaseChain], Projections.PendingPenalties))[0] : 0;
        var searches = (await host.Query([EntityRef.Adversary], Projections.SearchesByMethod))[0];
        return new FinalState(operators, compromised, tokens, pending, searches, lending);
    }

    private static EntityRef[] All(EntityKind kind, int count)
    {
        var all = new EntityRef[count];
        for (int i = 0; i < count; i++) all[i] = new EntityRef(kind, i);
        return all;
    }

    /// <summary>Puts the driver at a tick barrier a checkpoint recorded (its host restores the entities and their mail).</summary>
    public void Restore(int nextTick, IEnumerable<EntityRef> carriedMail)
    {
        NextTick = nextTick;
        carried = [.. carriedMail];
    }
}
