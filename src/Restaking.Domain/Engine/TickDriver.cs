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
/// A quiet tick — nothing in <see cref="TickSchedule.StaticWorkTicks"/>, no penalty, veto request or market step due by the
/// figures, no mail carried — calls no entity at all: only its timeline row is written (docs/architecture.md, "Quiet ticks").
/// At the end, <see cref="Final"/> asks the entities what the summary reads. Between ticks the driver's own state —
/// next tick, who carries mail, the figures and the recorder — is all a host must checkpoint besides its entities.
/// </summary>
public sealed class TickDriver(WorldSpec spec, IEntityHost host, RunRecorder recorder, TimelineFigures figures)
{
    private SortedSet<EntityRef> carried = [];
    private readonly HashSet<int> staticWork = TickSchedule.StaticWorkTicks(spec);
    private readonly int[] marketTokens = Enumerable.Range(0, spec.Tokens.Count).Where(t => spec.Tokens[t].Market is not null).ToArray();

    public WorldSpec Spec { get; } = spec;
    public RunRecorder Recorder { get; } = recorder;
    public TimelineFigures Figures { get; } = figures;

    /// <summary>Skip quiet ticks and leave idle markets out (the default). Off, every market steps every tick and every tick
    /// runs its rounds — the behaviour before quiet ticks were skipped, which tests compare byte for byte.</summary>
    public bool SkipQuietTicks { get; init; } = true;

    /// <summary>Ticks run as quiet ticks so far (no entity called).</summary>
    public int QuietTicks { get; private set; }

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
        bool penaltiesDue = Spec.ValidatorGroups.Count > 0 && Figures.PenaltiesDue(tick);
        if (SkipQuietTicks && carried.Count == 0 && !penaltiesDue && !staticWork.Contains(tick) && !DueByFigures(tick))
            return Quiet(tick);

        // 1. The schedule, sent by the run's clock in sequence order.
        var schedule = new List<(EntityRef To, Envelope Envelope)>();
        foreach (var (to, message) in TickSchedule.Start(tick, Spec, penaltiesDue, Figures.NextSlashDueTick, SkipQuietTicks ? Figures.MarketDueTick : static _ => 0))
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
        // An idle market left out of round 0 counted as a round when every market stepped each tick: so it still does.
        if (round == 0) round = QuietRounds;

        // 3. End of tick: the timeline's row from the figures the entities reported.
        Recorder.RecordTick(tick, events, round, capHit, Figures.Snapshot());
        RestakingMetrics.Ticks.Add(1);
        RestakingMetrics.Rounds.Add(round);
        RestakingMetrics.Slashes.Add(events.Count(e => e.Kind == CascadeEventKind.Slash));
        NextTick = tick + 1;
        return new TickResult(tick, round, capHit, events.Count);
    }

    /// <summary>The rounds a tick without work reports: 1 with token markets (each stepped alone in round 0, before
    /// idle markets were left out of the schedule), else 0 — so the timeline reads as it always did.</summary>
    private int QuietRounds => marketTokens.Length > 0 ? 1 : 0;

    /// <summary>Whether an entity's figures say it has something due at <paramref name="tick"/>: a veto slasher's request
    /// or a market step.</summary>
    private bool DueByFigures(int tick)
    {
        foreach (int s in Spec.VetoSlashingServices)
            if (Figures.NextSlashDueTick(s) <= tick) return true;
        foreach (int t in marketTokens)
            if (Figures.MarketDueTick(t) <= tick) return true;
        return false;
    }

    /// <summary>A quiet tick: no entity is called, nothing is sent; the row is what the figures already say.</summary>
    private TickResult Quiet(int tick)
    {
        Recorder.RecordTick(tick, [], QuietRounds, false, Figures.Snapshot());
        RestakingMetrics.Ticks.Add(1);
        NextTick = tick + 1;
        QuietTicks++;
        return new TickResult(tick, QuietRounds, false, 0);
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
