using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;

namespace Restaking.Domain.Engine;

/// <summary>
/// One reference run, a tick at a time: the <see cref="TickDriver"/> on an <see cref="InProcessHost"/> over one
/// <see cref="World"/>. Between ticks it can be saved to a <see cref="RunCheckpoint"/> and a session built from
/// the same scenario restored from it.
/// </summary>
public sealed class RunSession
{
    private readonly InProcessHost host;
    private readonly TickDriver driver;

    /// <param name="figuresOnly">Record the totals only (<see cref="RunRecorder.FiguresOnly"/>) and skip DR24's γ
    /// at tick 0: what a Monte Carlo trial needs. Such a session has no <see cref="Result"/>.</param>
    /// <param name="skipQuietTicks">Skip quiet ticks (<see cref="TickDriver.SkipQuietTicks"/>); off only to compare with.</param>
    public RunSession(Scenario scenario, ServiceKindRegistry kinds, bool figuresOnly = false, bool skipQuietTicks = true)
    {
        Spec = ScenarioExpansion.Expand(scenario);
        World = World.Build(Spec, kinds);
        FiguresOnly = figuresOnly;
        // Tick-0 facts come from the world as built: a restored session reads the same ones.
        Initial = figuresOnly ? new InitialFacts(World.RestakedValueGwei, null, "not-computed: figures only") : RunSummary.Initial(World);
        host = new InProcessHost(World);
        driver = new TickDriver(Spec, host, figuresOnly ? RunRecorder.FiguresOnly(Spec.Tokens.Count) : RunRecorder.For(World), TimelineFigures.Of(World)) { SkipQuietTicks = skipQuietTicks };
    }

    /// <summary>Ticks run so far as quiet ticks (no entity called).</summary>
    public int QuietTicks => driver.QuietTicks;

    public WorldSpec Spec { get; }
    public World World { get; }
    public InitialFacts Initial { get; }
    public RunRecorder Recorder => driver.Recorder;
    public bool FiguresOnly { get; }
    /// <summary>The tick <see cref="RunTick"/> runs next (= ticks done).</summary>
    public int NextTick => driver.NextTick;
    public int Ticks => driver.Ticks;
    public bool Finished => driver.Finished;

    /// <summary>Mail a tick cut by <c>maxCascadeRounds</c> carries into the next tick, by recipient.</summary>
    public IReadOnlyDictionary<EntityRef, List<Envelope>> CarriedMail => host.Mail;

    /// <summary>Called after each round with the entities that applied mail in it.</summary>
    public Action<int, IReadOnlyList<EntityRef>>? RoundObserver { get => driver.RoundObserver; set => driver.RoundObserver = value; }

    public TickResult RunTick() => Completed(driver.RunTick());

    /// <summary>The three outputs, once every tick ran.</summary>
    public RunResult Result()
    {
        if (!Finished) throw new InvalidOperationException($"the run is at tick {NextTick} of {Ticks}");
        if (FiguresOnly) throw new InvalidOperationException("a figures-only session records no timeline or events");
        return new RunResult(Recorder.TimelineCsv, RunSummary.Build(Spec, Completed(driver.Final()), Recorder, Initial), Recorder.EventLines, World);
    }

    /// <summary>The in-process host answers at once: its driver's calls complete synchronously.</summary>
    private static T Completed<T>(ValueTask<T> task) =>
        task.IsCompleted ? task.GetAwaiter().GetResult() : throw new InvalidOperationException("the in-process host completes every call synchronously");

    /// <summary>The run at this tick barrier: every entity, the recorder, the carried mail.</summary>
    public RunCheckpoint SaveCheckpoint() => new(
        Spec.Scenario.Name,
        Spec.Scenario.Seed,
        NextTick,
        World.Entities.Select(e => new EntityCheckpoint(e, World[e].Save())).ToList(),
        Recorder.Save(),
        host.Mail.Select(m => new MailCheckpoint(m.Key, CascadeMail.Save(World.NameOf(m.Key), m.Value))).ToList());

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
        host.RestoreMail(checkpoint.CarriedMail.ToDictionary(m => m.To, m => CascadeMail.Restore(World.NameOf(m.To), m.Envelopes)));
        driver.Figures.ReadFrom(World);
        driver.Restore(checkpoint.NextTick, checkpoint.CarriedMail.Select(m => m.To));
    }
}
