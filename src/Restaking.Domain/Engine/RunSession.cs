using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;

namespace Restaking.Domain.Engine;

/// <summary>What one tick did.</summary>
public readonly record struct TickResult(int Tick, int CascadeRounds, bool RoundCapHit, int Events);

/// <summary>
/// One reference run, a tick at a time: per tick, inject the schedule, then deliver cascade rounds until nothing is
/// sent (what is sent in round r arrives in round r + 1, each inbox applied in (sender, sequence) order), then take
/// the end-of-tick snapshot. Between ticks it can be saved to a <see cref="RunCheckpoint"/> and a session built from
/// the same scenario restored from it.
/// </summary>
public sealed class RunSession
{
    private SortedDictionary<EntityRef, List<Envelope>> carried = [];

    /// <param name="figuresOnly">Record the totals only (<see cref="RunRecorder.FiguresOnly"/>) and skip DR24's γ
    /// at tick 0: what a Monte Carlo trial needs. Such a session has no <see cref="Result"/>.</param>
    public RunSession(Scenario scenario, ServiceKindRegistry kinds, bool figuresOnly = false)
    {
        Spec = ScenarioExpansion.Expand(scenario);
        World = World.Build(Spec, kinds);
        FiguresOnly = figuresOnly;
        // Tick-0 facts come from the world as built: a restored session reads the same ones.
        Initial = figuresOnly ? new InitialFacts(World.RestakedValueGwei, null, "not-computed: figures only") : RunSummary.Initial(World);
        Recorder = figuresOnly ? RunRecorder.FiguresOnly(Spec.Tokens.Count) : RunRecorder.For(World);
    }

    public WorldSpec Spec { get; }
    public World World { get; }
    public InitialFacts Initial { get; }
    public RunRecorder Recorder { get; }
    public bool FiguresOnly { get; }
    /// <summary>The tick <see cref="RunTick"/> runs next (= ticks done).</summary>
    public int NextTick { get; private set; }
    public int Ticks => Spec.Scenario.Ticks.Count;
    public bool Finished => NextTick >= Ticks;

    /// <summary>Mail a tick cut by <c>maxCascadeRounds</c> carries into the next tick, by recipient.</summary>
    public IReadOnlyDictionary<EntityRef, List<Envelope>> CarriedMail => carried;

    public TickResult RunTick()
    {
        if (Finished) throw new InvalidOperationException($"the run has {Ticks} ticks and all of them ran");
        int tick = NextTick;
        var inbox = carried;
        int sequence = 0;
        foreach (var (to, message) in TickSchedule.Start(tick, Spec, World.BaseChain.HasPenaltiesDue(tick), s => World.Services[s].NextSlashDueTick))
            Deliver(inbox, to, new Envelope(EntityRef.Scheduler, sequence++, message));

        var events = new List<CascadeEvent>();
        int round = 0;
        bool capHit = false;
        while (inbox.Count > 0)
        {
            if (round == Spec.Scenario.MaxCascadeRounds) { capHit = true; break; }
            var next = new SortedDictionary<EntityRef, List<Envelope>>();
            foreach (var (to, envelopes) in inbox)
            {
                envelopes.Sort();
                var context = new CascadeContext(tick, round, to);
                World[to].Handle(envelopes, context);
                events.AddRange(context.Events);
                foreach (var outgoing in context.Outbox) Deliver(next, outgoing.To, outgoing.Envelope);
            }
            inbox = next;
            round++;
        }
        // Messages past the round cap are not dropped: they open the next tick.
        carried = capHit ? inbox : [];
        Recorder.RecordTick(tick, events, round, capHit, Snapshot(World));
        NextTick = tick + 1;
        return new TickResult(tick, round, capHit, events.Count);
    }

    /// <summary>The three outputs, once every tick ran.</summary>
    public RunResult Result()
    {
        if (!Finished) throw new InvalidOperationException($"the run is at tick {NextTick} of {Ticks}");
        if (FiguresOnly) throw new InvalidOperationException("a figures-only session records no timeline or events");
        return new RunResult(Recorder.TimelineCsv, RunSummary.Build(Spec, FinalState.Of(World), Recorder, Initial), Recorder.EventLines, World);
    }

    public static TickSnapshot Snapshot(World world) => new(
        world.RestakedValueGwei,
        world.Operators.Count(o => o.EverSlashed),
        world.Services.Count(s => s.Compromised),
        world.Tokens.Select(t => (t.NavWad, t.PriceWad)).ToList());

    /// <summary>The run at this tick barrier: every entity, the recorder, the carried mail.</summary>
    public RunCheckpoint SaveCheckpoint() => new(
        Spec.Scenario.Name,
        Spec.Scenario.Seed,
        NextTick,
        World.Entities.Select(e => new EntityCheckpoint(e, World[e].Save())).ToList(),
        Recorder.Save(),
        carried.Select(m => new MailCheckpoint(m.Key, CascadeMail.Save(World.NameOf(m.Key), m.Value))).ToList());

    /// <summary>Puts this session where <paramref name="checkpoint"/> was taken. Every piece of mutable state is
    /// replaced, so it works on a fresh session of the same scenario (or one that ran on).</summary>
    public void Restore(RunCheckpoint checkpoint)
    {
        var scenario = Spec.Scenario;
        if (checkpoint.Scenario != scenario.Name || checkpoint.Seed != scenario.Seed)
            throw new CheckpointFormatException($"checkpoint of scenario {checkpoint.Scenario} (seed {checkpoint.Seed}) cannot be restored into {scenario.Name} (seed {scenario.Seed})");
        if (checkpoint.NextTick < 0 || checkpoint.NextTick > Ticks)
            throw new CheckpointFormatException($"checkpoint at tick {checkpoint.NextTick}, the run has {Ticks} ticks");
        if (!checkpoint.Entities.Select(e => e.Entity).SequenceEqual(World.Entities))
            throw new CheckpointFormatException($"checkpoint has {checkpoint.Entities.Count} entities, this world {World.Entities.Count} (or another order)");
        var entities = World.Entities.ToHashSet();
        if (checkpoint.CarriedMail.FirstOrDefault(m => !entities.Contains(m.To)) is { } stray)
            throw new CheckpointFormatException($"carried mail for {stray.To.Kind} {stray.To.Index}, which this world does not have");

        foreach (var e in checkpoint.Entities) World[e.Entity].Restore(e.State);
        Recorder.Restore(checkpoint.Recorder);
        carried = new SortedDictionary<EntityRef, List<Envelope>>(
            checkpoint.CarriedMail.ToDictionary(m => m.To, m => CascadeMail.Restore(World.NameOf(m.To), m.Envelopes)));
        NextTick = checkpoint.NextTick;
    }

    private static void Deliver(SortedDictionary<EntityRef, List<Envelope>> inbox, EntityRef to, Envelope envelope)
    {
        if (!inbox.TryGetValue(to, out var list)) inbox[to] = list = [];
        list.Add(envelope);
    }
}
