using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Streams;
using Restaking.Contracts;
using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Engine;
using Restaking.Domain.Scenarios;
using Restaking.Grains.Checkpoints;

namespace Restaking.Grains.Runs;

/// <summary>
/// Runs one scenario on grains (key: the run id): the one <see cref="TickDriver"/> of Domain over a <see cref="GrainHost"/>,
/// exactly as the reference engine drives it over its in-process host, so the outputs are byte-identical over any
/// <see cref="CascadeTransport"/> and any number of silos. What the coordinator adds is hosting policy: it publishes
/// progress on the run stream, and it checkpoints and recovers.
/// <para>With checkpoints on (a cluster), it stores the run at quiet tick barriers — every entity that changed, its
/// own recorder and figures — and when a tick fails (a silo died, so its calls or its batches never come), every
/// entity goes back to the last committed checkpoint and the run replays from there: the replay is exact, so the
/// outputs do not change. If its own silo dies, the next call (the client's status poll) activates it on another
/// silo, which reads the checkpoint and resumes.</para>
/// </summary>
[Reentrant]
public sealed class RunCoordinatorGrain(RunWorlds worlds, CascadeSender sender, IOptions<CheckpointOptions> checkpointOptions,
    ILogger<RunCoordinatorGrain> log) : Grain, IRunCoordinatorGrain
{
    /// <summary>Recoveries a run may need before it is given up as failed (a deterministic error would loop).</summary>
    private const int MaxRecoveries = 5;

    /// <summary>How long a recovery keeps trying to reach every entity (a dead silo takes ~6–10 s to be declared so).</summary>
    private static readonly TimeSpan RecoveryPatience = TimeSpan.FromSeconds(90);

    private RunDefinition? definition;
    private RunStatus? status;
    private RunOutcome? outcome;
    private bool starting;
    private CheckpointStore<RunCheckpointState>? store;
    /// <summary>Cancelled when the membership declares a silo dead during the run (then renewed by the recovery).</summary>
    private CancellationTokenSource siloLost = new();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!checkpointOptions.Value.Enabled) return;
        store = new CheckpointStore<RunCheckpointState>(ServiceProvider, "run");
        await store.Read(this.GetGrainId());
        // A run whose coordinator's silo died after it finished: its outcome is in the record.
        if (store.Value is { Definition: { } done, Outcome: { } finished })
        {
            definition = done;
            outcome = finished;
            status = new RunStatus(done.RunId, store.Value.NextTick, store.Value.NextTick, true, null);
            return;
        }
        // A run whose coordinator's silo died mid-run: take it up from its last committed checkpoint.
        if (store.Value.Definition is { } run)
        {
            log.LogWarning("run {RunId}: coordinator reactivated; resuming from checkpoint {Checkpoint} (tick {Tick})", run.RunId,
                store.Value.Checkpoint, store.Value.NextTick);
            Begin(run, resume: true);
        }
    }

    public Task<RunDefinition> GetDefinition() =>
        definition is null ? throw new InvalidOperationException(
            $"run {this.GetPrimaryKeyString()} is not on this cluster: it was never started, or it finished without keeping its grains "
            + "(a run keeps them with RunDefinition.KeepGrains, e.g. restaking run --hold)") : Task.FromResult(definition);

    public async Task Start(RunDefinition run)
    {
        if (run.RunId != this.GetPrimaryKeyString()) throw new ArgumentException($"run id {run.RunId} does not match grain key {this.GetPrimaryKeyString()}");
        // Claimed before the first await: the grain is reentrant, so a second Start of the same run could otherwise slip in.
        if (definition is not null || starting) throw new InvalidOperationException($"run {run.RunId} was already started");
        starting = true;
        try
        {
            if (store is not null)
            {
                store.Value.Definition = run;
                await store.Write(this.GetGrainId());
            }
            Begin(run, resume: false);
        }
        finally { starting = false; }
    }

    private void Begin(RunDefinition run, bool resume)
    {
        var world = worlds.Acquire(run);
        // Handed to the other silos' grains (GetDefinition) with this silo's world hash, which theirs must equal (RunWorld).
        definition = run with { WorldHash = world.Hash };
        status = new RunStatus(run.RunId, resume ? store!.Value.NextTick : 0, world.Scenario.Ticks.Count, false, null);
        DelayDeactivation(TimeSpan.FromHours(2));
        _ = Drive(world, resume);
    }

    public Task<RunStatus> GetStatus() =>
        Task.FromResult(status ?? new RunStatus(this.GetPrimaryKeyString(), 0, 0, false, "not started"));

    public async Task Close()
    {
        if (store is not null && status?.Finished == true) await store.Clear(this.GetGrainId());
        if (definition?.KeepGrains != true) DeactivateOnIdle();
    }

    public Task<RunOutcome> GetOutcome() =>
        outcome is null ? throw new InvalidOperationException($"run {this.GetPrimaryKeyString()} has not finished") : Task.FromResult(outcome);

    private async Task Drive(RunWorld run, bool resume)
    {
        using var active = Domain.Engine.RestakingMetrics.RunActive();
        var stream = this.GetStreamProvider(RunStreams.Provider).GetStream<RunProgress>(StreamId.Create(RunStreams.Namespace, run.RunId));
        string? error = null;
        using var watching = new CancellationTokenSource();
        if (store is not null) _ = WatchMembership(run.RunId, watching.Token);
        try
        {
            outcome = await Simulate(run, stream, resume);
            outcome = outcome with { Placement = await Placement(run.RunId) };
            if (store is not null)
            {
                // Before the entities forget their checkpoints (EndRun), so the outcome outlives this activation.
                store.Value.Outcome = outcome;
                store.Value.NextTick = run.Scenario.Ticks.Count;
                await store.Write(this.GetGrainId());
            }
        }
        catch (Exception e) when (Superseded(e))
        {
            // Another activation of this coordinator holds the run (its checkpoint record moved on): leave it to that one.
            log.LogWarning("run {RunId}: another activation of the coordinator took the run over; this one stops", run.RunId);
            watching.Cancel();
            worlds.Release(run.RunId);
            DeactivateOnIdle();
            return;
        }
        catch (Exception e)
        {
            log.LogError(e, "run {RunId} failed", run.RunId);
            error = $"{e.GetType().Name}: {e.Message}";
        }
        watching.Cancel();
        // The grains go (or stay, when kept) before the run is reported finished, so a client that closes the
        // coordinator on the last event never cuts this short.
        try { await EndRun(run); }
        catch (Exception e) { log.LogWarning(e, "run {RunId}: could not end every grain", run.RunId); }
        worlds.Release(run.RunId);
        status = status! with { Finished = true, Error = error };
        try { await stream.OnNextAsync(new RunProgress(run.RunId, status.TicksDone, status.Ticks, 0, 0, [], true, error)); }
        catch (Exception e) { log.LogWarning(e, "run {RunId}: could not publish the end of the run", run.RunId); }
    }

    /// <summary>How many of the run's entity grains each silo hosts now (before they go): the cluster's spread.</summary>
    private async Task<IReadOnlyDictionary<string, int>> Placement(string runId)
    {
        string prefix = runId + "/";
        var stats = await GrainFactory.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return stats.Where(s => s.GrainId.Key.ToString()?.StartsWith(prefix, StringComparison.Ordinal) == true)
            .GroupBy(s => s.SiloAddress.ToString())
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    /// <summary>Every entity grain of the run (the world's own list: lending markets and shared vaults included).</summary>
    private static IEnumerable<EntityRef> Entities(RunWorld run) => run.World.Entities;

    /// <summary>Tells every entity grain of the run that it is over (they deactivate unless the run keeps them).</summary>
    private Task EndRun(RunWorld run) =>
        Task.WhenAll(Entities(run).Select(e => RunGrains.Entity(GrainFactory, run, e).EndRun(run.Definition.KeepGrains)));

    /// <summary>The run as this coordinator drives it: the driver (ticks, figures, recorder) over the grain host (steps, epoch, counts).</summary>
    private sealed class Cursor(TickDriver driver, GrainHost host)
    {
        public TickDriver Driver { get; } = driver;
        public GrainHost Host { get; } = host;

        /// <summary>No mail in flight: the entities' states alone say where the run is.</summary>
        public bool Quiet => Driver.Carried.Count == 0 && Host.Quiet;
    }

    private async Task<RunOutcome> Simulate(RunWorld run, IAsyncStream<RunProgress> stream, bool resume)
    {
        var spec = run.Spec;
        // Tick-0 facts: from this silo's world before any of its grains applied anything, or, when resuming on a
        // silo whose grains have, from a world built afresh (expansion is deterministic).
        var initial = RunSummary.Initial(resume ? new RunWorld(run.Definition, worlds.Kinds).World : run.World);
        var host = new GrainHost(GrainFactory, run, sender) { SiloLost = siloLost.Token };
        var cursor = new Cursor(new TickDriver(spec, host, RunRecorder.For(run.World), TimelineFigures.Of(run.World)), host);

        var sinceCheckpoint = System.Diagnostics.Stopwatch.StartNew();
        if (store is not null)
        {
            if (resume && store.Value.Checkpoint >= 0)
                await Recover(run, cursor, failedAtTick: store.Value.NextTick, "the coordinator's silo was lost");
            else
            {
                // A fresh run, or one whose coordinator died before its first checkpoint: no tick has run, so every
                // entity is as built; start from tick 0.
                if (resume) store.Value.Recoveries.Add(new RunRecovery(0, 0, "the coordinator's silo was lost before the first checkpoint"));
                await Patiently(run.RunId, () => TakeCheckpoint(run, cursor));
            }
        }
        var driver = cursor.Driver;
        FinalState final;
        while (true)
        {
            int tick = driver.NextTick;
            try
            {
                if (!driver.Finished)
                {
                    int linesBefore = driver.Recorder.EventLines.Count, quietBefore = driver.QuietTicks;
                    await driver.RunTick();
                    status = status! with { TicksDone = driver.NextTick };
                    // A quiet tick has nothing to tell but its number: published every 1 % of the run (and the last), so a
                    // long quiet tail costs no stream traffic (docs/architecture.md, "Quiet ticks") — unless someone
                    // follows the run tick by tick (--pace).
                    if (run.Definition.PaceMs > 0 || driver.QuietTicks == quietBefore || driver.Finished || (tick + 1) % Math.Max(1, driver.Ticks / 100) == 0)
                        await Publish(run, driver, stream, tick, linesBefore);
                    // --pace: a person follows the run in the contagion view; nothing the outputs read depends on it.
                    if (run.Definition.PaceMs > 0) await Task.Delay(run.Definition.PaceMs);
                    if (store is not null && cursor.Quiet && sinceCheckpoint.Elapsed >= checkpointOptions.Value.MinInterval && !driver.Finished)
                    {
                        await TakeCheckpoint(run, cursor);
                        sinceCheckpoint.Restart();
                    }
                    continue;
                }
                // What the summary reads, from every entity: one whose state was lost refuses, and the run replays.
                final = await driver.Final();
                break;
            }
            catch (Exception e) when (store is not null && store.Value.Recoveries.Count < MaxRecoveries && !Superseded(e))
            {
                log.LogWarning(e, "run {RunId}: tick {Tick} failed; going back to checkpoint {Checkpoint}", run.RunId, tick, store.Value.Checkpoint);
                await Recover(run, cursor, tick, $"{e.GetType().Name}: {e.Message}");
                sinceCheckpoint.Restart();
            }
        }
        string summary = RunSummary.Build(spec, final, driver.Recorder, initial);
        return new RunOutcome(driver.Recorder.TimelineCsv, summary, driver.Recorder.EventLines.ToArray(), host.Messages, host.Calls,
            Recoveries: store?.Value.Recoveries.ToArray());
    }

    /// <summary>The tick's progress and contagion events on the run stream, for whoever watches (the CLI's bar, the view).</summary>
    private async Task Publish(RunWorld run, TickDriver driver, IAsyncStream<RunProgress> stream, int tick, int linesBefore)
    {
        foreach (var chunk in Chunks(driver.Recorder.EventLines, linesBefore))
        {
            try
            {
                await stream.OnNextAsync(new RunProgress(run.RunId, tick + 1, driver.Ticks, driver.Figures.RestakedValueGwei,
                    driver.Figures.ServicesCompromised, chunk, false, null, driver.Recorder.TimelineHeader, driver.Recorder.LastTimelineRow));
            }
            catch (Exception e) when (store is not null)
            {
                // Progress is for watching; on a cluster its queue may have been on a lost silo. The outputs do not need it.
                log.LogWarning(e, "run {RunId}: tick {Tick}: progress not published", run.RunId, tick);
            }
        }
    }

    /// <summary>Stores every changed entity, then commits: the coordinator's own record names the checkpoint.</summary>
    private async Task TakeCheckpoint(RunWorld run, Cursor cursor)
    {
        var state = store!.Value;
        var (driver, host) = (cursor.Driver, cursor.Host);
        // Numbers never repeat: a checkpoint of a stretch later lost must not be taken for a later one.
        int checkpoint = host.Epoch * 1_000_000 + (state.Checkpoint % 1_000_000) + 1;
        int committed = state.Checkpoint;
        await Task.WhenAll(Entities(run).Select(e => RunGrains.Entity(GrainFactory, run, e).SaveCheckpoint(checkpoint, committed, host.Epoch)));
        state.Checkpoint = checkpoint;
        state.Epoch = host.Epoch;
        state.NextTick = driver.NextTick;
        state.Step = host.Step;
        state.Messages = host.Messages;
        state.Calls = host.Calls;
        state.Recorder = driver.Recorder.Save();
        state.Figures = driver.Figures.Save();
        await store.Write(this.GetGrainId());
        log.LogInformation("run {RunId}: checkpoint {Checkpoint} at tick {Tick}", run.RunId, checkpoint, driver.NextTick);
    }

    /// <summary>Cancels <see cref="siloLost"/> whenever the membership table declares another silo dead.</summary>
    private async Task WatchMembership(string runId, CancellationToken stop)
    {
        var membership = ServiceProvider.GetRequiredService<IClusterMembershipService>();
        var dead = membership.CurrentSnapshot.Members.Where(m => m.Value.Status == SiloStatus.Dead).Select(m => m.Key).ToHashSet();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stop))
                foreach (var (silo, member) in snapshot.Members)
                    if (member.Status == SiloStatus.Dead && dead.Add(silo))
                    {
                        log.LogWarning("run {RunId}: silo {Silo} died", runId, silo);
                        siloLost.Cancel();
                    }
        }
        catch (OperationCanceledException) { }
    }

    private static bool Superseded(Exception e) => e.GetBaseException() is Orleans.Storage.InconsistentStateException;

    /// <summary>Until the membership declares a dead silo so (a few seconds), calls to its grains fail or time out:
    /// try again, within <see cref="RecoveryPatience"/>.</summary>
    private async Task Patiently(string runId, Func<Task> action)
    {
        var patience = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await action();
                return;
            }
            catch (Exception e) when (patience.Elapsed < RecoveryPatience && !Superseded(e))
            {
                log.LogWarning("run {RunId}: waiting for the cluster: {Error}", runId, e.GetBaseException().Message);
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }
    }

    /// <summary>Every entity back to the committed checkpoint (those of a dead silo activate elsewhere and read it
    /// from storage), the coordinator's cursor too; a new epoch so that batches of the lost stretch are dropped.</summary>
    private async Task Recover(RunWorld run, Cursor cursor, int failedAtTick, string cause)
    {
        var state = store!.Value;
        var (driver, host) = (cursor.Driver, cursor.Host);
        if (state.Checkpoint < 0) throw new InvalidOperationException($"run {run.RunId}: no checkpoint to go back to ({cause})");
        int epoch = Math.Max(state.Epoch, host.Epoch) + 1;
        // Claim the epoch first: the storage's ETag lets only one coordinator activation write it, so a duplicate
        // activation (a silo's death can leave two for a moment) stops here, before it touches any entity.
        state.Epoch = epoch;
        await store.Write(this.GetGrainId());
        await Patiently(run.RunId, () => Task.WhenAll(Entities(run).Select(e => RunGrains.Entity(GrainFactory, run, e).RestoreCheckpoint(state.Checkpoint, epoch))));
        siloLost = new CancellationTokenSource();
        host.SiloLost = siloLost.Token;
        host.Epoch = epoch;
        host.Step = state.Step;
        host.Messages = state.Messages;
        host.Calls = state.Calls;
        host.ForgetPending();
        driver.Recorder.Restore(state.Recorder!);
        driver.Figures.Restore(state.Figures!);
        driver.Restore(state.NextTick, []);
        status = status! with { TicksDone = state.NextTick };
        state.Recoveries.Add(new RunRecovery(failedAtTick, state.NextTick, cause));
        await store.Write(this.GetGrainId());
        log.LogWarning("run {RunId}: back at tick {Tick} (checkpoint {Checkpoint}, epoch {Epoch}) after: {Cause}", run.RunId, state.NextTick,
            state.Checkpoint, epoch, cause);
    }

    /// <summary>
    /// A tick's event lines cut into stream messages of at most ~256 KB (the memory stream's pooled cache rejects
    /// messages past its 1 MB segments); a tick without events still yields one (progress-only) message.
    /// </summary>
    private static IEnumerable<string[]> Chunks(IReadOnlyList<string> lines, int from)
    {
        const int MaxChars = 256 * 1024;
        var chunk = new List<string>();
        int chars = 0;
        for (int i = from; i < lines.Count; i++)
        {
            if (chunk.Count > 0 && chars + lines[i].Length > MaxChars)
            {
                yield return chunk.ToArray();
                chunk.Clear();
                chars = 0;
            }
            chunk.Add(lines[i]);
            chars += lines[i].Length;
        }
        yield return chunk.ToArray();
    }
}
