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
/// Runs one scenario on grains (key: the run id). Per tick it sends the scheduled faults, then drives cascade
/// rounds: every entity with mail applies it (<see cref="ICascadeEntityGrain.ProcessRound"/>), and the round ends
/// when all of them have delivered what they sent — a barrier, so what is sent in round r is applied in round r + 1,
/// exactly as in <see cref="ReferenceEngine"/>. Events are gathered in entity order and recorded by the same
/// <see cref="RunRecorder"/>, so the outputs are byte-identical to the reference engine's, over any
/// <see cref="CascadeTransport"/>: the coordinator counts the batches sent to each entity and tells it how many to
/// wait for, which one-way calls and memory streams (delivered asynchronously) need.
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
        if (definition is not null) throw new InvalidOperationException($"run {run.RunId} was already started");
        if (store is not null)
        {
            store.Value.Definition = run;
            await store.Write(this.GetGrainId());
        }
        Begin(run, resume: false);
    }

    private void Begin(RunDefinition run, bool resume)
    {
        definition = run;
        var world = worlds.Acquire(run);
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

    /// <summary>Where the run is between ticks: what a checkpoint stores besides the entities.</summary>
    private sealed class Cursor(RunWorld run)
    {
        public int NextTick { get; set; }
        public int Step { get; set; }
        public long Messages { get; set; }
        public long Calls { get; set; }
        public int Epoch { get; set; }
        public RunRecorder Recorder { get; set; } = RunRecorder.For(run.World);
        public Figures Figures { get; } = new(run.World);
        /// <summary>Entities with mail past a round-cap cut, and the batches each waits for.</summary>
        public SortedSet<EntityRef> Carried { get; set; } = [];
        public Dictionary<EntityRef, int> Pending { get; } = [];

        /// <summary>No mail in flight: the entities' states alone say where the run is.</summary>
        public bool Quiet => Carried.Count == 0 && Pending.Count == 0;
    }

    private async Task<RunOutcome> Simulate(RunWorld run, IAsyncStream<RunProgress> stream, bool resume)
    {
        var spec = run.Spec;
        // Tick-0 facts: from this silo's world before any of its grains applied anything, or, when resuming on a
        // silo whose grains have, from a world built afresh (expansion is deterministic).
        var initial = RunSummary.Initial(resume ? new RunWorld(run.Definition, worlds.Kinds).World : run.World);
        var cursor = new Cursor(run);
        var grains = new Dictionary<EntityRef, ICascadeEntityGrain>();
        ICascadeEntityGrain GrainOf(EntityRef e) =>
            grains.TryGetValue(e, out var g) ? g : grains[e] = RunGrains.Entity(GrainFactory, run, e);
        var baseChain = GrainFactory.GetGrain<IBaseChainGrain>(GrainKeys.Of(run.RunId, GrainKeys.BaseChain));

        var sinceCheckpoint = System.Diagnostics.Stopwatch.StartNew();
        if (store is not null)
        {
            if (resume && store.Value.Checkpoint >= 0)
                await Recover(run, cursor, GrainOf, failedAtTick: store.Value.NextTick, "the coordinator's silo was lost");
            else
            {
                // A fresh run, or one whose coordinator died before its first checkpoint: no tick has run, so every
                // entity is as built; start from tick 0.
                if (resume) store.Value.Recoveries.Add(new RunRecovery(0, 0, "the coordinator's silo was lost before the first checkpoint"));
                await Patiently(run.RunId, () => TakeCheckpoint(run, cursor, GrainOf));
            }
        }
        FinalState final;
        while (true)
        {
            int tick = cursor.NextTick;
            try
            {
                if (tick < spec.Scenario.Ticks.Count)
                {
                    await RunTick(run, cursor, GrainOf, baseChain, stream);
                    // --pace: a person follows the run in the contagion view; nothing the outputs read depends on it.
                    if (run.Definition.PaceMs > 0) await Task.Delay(run.Definition.PaceMs);
                    if (store is not null && cursor.Quiet && sinceCheckpoint.Elapsed >= checkpointOptions.Value.MinInterval
                        && cursor.NextTick < spec.Scenario.Ticks.Count)
                    {
                        await TakeCheckpoint(run, cursor, GrainOf);
                        sinceCheckpoint.Restart();
                    }
                    continue;
                }
                // What the summary reads, from every entity: one whose state was lost refuses, and the run replays.
                final = await Final(run, GrainOf, baseChain);
                break;
            }
            catch (Exception e) when (store is not null && store.Value.Recoveries.Count < MaxRecoveries && !Superseded(e))
            {
                log.LogWarning(e, "run {RunId}: tick {Tick} failed; going back to checkpoint {Checkpoint}", run.RunId, tick, store.Value.Checkpoint);
                await Recover(run, cursor, GrainOf, tick, $"{e.GetType().Name}: {e.Message}");
                sinceCheckpoint.Restart();
            }
        }
        string summary = RunSummary.Build(spec, final, cursor.Recorder, initial);
        return new RunOutcome(cursor.Recorder.TimelineCsv, summary, cursor.Recorder.EventLines.ToArray(), cursor.Messages, cursor.Calls,
            Recoveries: store?.Value.Recoveries.ToArray());
    }

    private async Task RunTick(RunWorld run, Cursor cursor, Func<EntityRef, ICascadeEntityGrain> grainOf, IBaseChainGrain baseChain,
        IAsyncStream<RunProgress> stream)
    {
        var spec = run.Spec;
        int tick = cursor.NextTick;
        var pending = cursor.Pending;
        void Expect(EntityRef to, int batches) => pending[to] = pending.GetValueOrDefault(to) + batches;

        // 1. The schedule, sent by the run's clock as one batch per (recipient, hop).
        var active = cursor.Carried;
        bool penaltiesDue = spec.ValidatorGroups.Count > 0 && await baseChain.HasPenaltiesDue(tick);
        cursor.Calls += spec.ValidatorGroups.Count > 0 ? 1 : 0;
        var schedule = new SortedDictionary<(EntityRef To, CascadeHop Hop), List<Envelope>>();
        int sequence = 0;
        // Veto slashers with requests due: from what the services reported, so waking them costs no call.
        foreach (var (to, message) in TickSchedule.Start(tick, spec, penaltiesDue, cursor.Figures.NextSlashDueTick))
        {
            var key = (to, sender.PerHop ? CascadeHops.Of(message) : default);
            if (!schedule.TryGetValue(key, out var list)) schedule[key] = list = [];
            list.Add(new Envelope(EntityRef.Scheduler, sequence++, message));
            active.Add(to);
        }
        await Task.WhenAll(schedule.Select(b => sender.Send(GrainFactory, run, b.Key.To, b.Key.Hop, new CascadeBatch(cursor.Step - 1, b.Value, cursor.Epoch))));
        foreach (var to in schedule.Keys) Expect(to.To, 1);
        cursor.Messages += sequence;
        cursor.Calls += schedule.Count;

        // 2. Cascade rounds until nobody sends (or the cap is hit: the rest opens the next tick).
        var events = new List<CascadeEvent>();
        int round = 0;
        bool capHit = false;
        while (active.Count > 0)
        {
            if (round == spec.Scenario.MaxCascadeRounds) { capHit = true; break; }
            var entities = active.ToArray();
            var reports = await FirstFailureOrAll(siloLost.Token, entities.Select(e =>
                grainOf(e).ProcessRound(new RoundOrder(tick, round, cursor.Step, pending.Remove(e, out int expected) ? expected : 0, cursor.Epoch))));
            cursor.Calls += entities.Length;
            var next = new SortedSet<EntityRef>();
            for (int i = 0; i < entities.Length; i++)
            {
                var report = reports[i];
                events.AddRange(report.Events);
                cursor.Figures.Update(entities[i], report.Figures);
                next.UnionWith(report.Recipients);
                for (int r = 0; r < report.Recipients.Count; r++) Expect(report.Recipients[r], report.BatchesPerRecipient[r]);
                cursor.Messages += report.MessagesSent;
                cursor.Calls += report.BatchesPerRecipient.Sum();
            }
            active = next;
            round++;
            cursor.Step++;
        }
        cursor.Carried = capHit ? active : [];

        // 3. End of tick: the snapshot, from the figures the entities reported.
        int eventsBefore = cursor.Recorder.EventCount;
        cursor.Recorder.RecordTick(tick, events, round, capHit, cursor.Figures.Snapshot());
        cursor.NextTick = tick + 1;
        status = status! with { TicksDone = tick + 1 };
        foreach (var chunk in Chunks(cursor.Recorder.EventLines, eventsBefore))
        {
            try
            {
                await stream.OnNextAsync(new RunProgress(run.RunId, tick + 1, spec.Scenario.Ticks.Count, cursor.Figures.RestakedValueGwei,
                    cursor.Figures.ServicesCompromised, chunk, false, null, cursor.Recorder.TimelineHeader, cursor.Recorder.LastTimelineRow));
            }
            catch (Exception e) when (store is not null)
            {
                // Progress is for watching; on a cluster its queue may have been on a lost silo. The outputs do not need it.
                log.LogWarning(e, "run {RunId}: tick {Tick}: progress not published", run.RunId, tick);
            }
        }
    }

    /// <summary>
    /// The reports of a round, or the first failure at once: when a silo dies, the other entities of the round wait
    /// out their arrival timeout for batches that will never come, and the recovery need not wait with them.
    /// </summary>
    private static async Task<T[]> FirstFailureOrAll<T>(CancellationToken siloLost, IEnumerable<Task<T>> calls)
    {
        var tasks = calls.ToList();
        var remaining = new HashSet<Task<T>>(tasks);
        var lost = Task.Delay(Timeout.Infinite, siloLost);
        while (remaining.Count > 0)
        {
            var done = await Task.WhenAny(remaining.Cast<Task>().Append(lost));
            // A silo died during the round: a one-way batch to it (or from it) may be gone, and its recipient would
            // wait out its arrival timeout; go back to the checkpoint now.
            if (done == lost) throw new SiloLostException("a silo of the cluster died during the round");
            if (done.IsFaulted || done.IsCanceled) await done; // rethrows
            remaining.Remove((Task<T>)done);
        }
        return tasks.Select(t => t.Result).ToArray();
    }

    /// <summary>Stores every changed entity, then commits: the coordinator's own record names the checkpoint.</summary>
    private async Task TakeCheckpoint(RunWorld run, Cursor cursor, Func<EntityRef, ICascadeEntityGrain> grainOf)
    {
        var state = store!.Value;
        // Numbers never repeat: a checkpoint of a stretch later lost must not be taken for a later one.
        int checkpoint = cursor.Epoch * 1_000_000 + (state.Checkpoint % 1_000_000) + 1;
        int committed = state.Checkpoint;
        await Task.WhenAll(Entities(run).Select(e => grainOf(e).SaveCheckpoint(checkpoint, committed, cursor.Epoch)));
        state.Checkpoint = checkpoint;
        state.Epoch = cursor.Epoch;
        state.NextTick = cursor.NextTick;
        state.Step = cursor.Step;
        state.Messages = cursor.Messages;
        state.Calls = cursor.Calls;
        state.Recorder = cursor.Recorder.Save();
        cursor.Figures.SaveTo(state);
        await store.Write(this.GetGrainId());
        log.LogInformation("run {RunId}: checkpoint {Checkpoint} at tick {Tick}", run.RunId, checkpoint, cursor.NextTick);
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
    private async Task Recover(RunWorld run, Cursor cursor, Func<EntityRef, ICascadeEntityGrain> grainOf, int failedAtTick, string cause)
    {
        var state = store!.Value;
        if (state.Checkpoint < 0) throw new InvalidOperationException($"run {run.RunId}: no checkpoint to go back to ({cause})");
        int epoch = Math.Max(state.Epoch, cursor.Epoch) + 1;
        // Claim the epoch first: the storage's ETag lets only one coordinator activation write it, so a duplicate
        // activation (a silo's death can leave two for a moment) stops here, before it touches any entity.
        state.Epoch = epoch;
        await store.Write(this.GetGrainId());
        await Patiently(run.RunId, () => Task.WhenAll(Entities(run).Select(e => grainOf(e).RestoreCheckpoint(state.Checkpoint, epoch))));
        siloLost = new CancellationTokenSource();
        cursor.Epoch = epoch;
        cursor.NextTick = state.NextTick;
        cursor.Step = state.Step;
        cursor.Messages = state.Messages;
        cursor.Calls = state.Calls;
        cursor.Recorder.Restore(state.Recorder!);
        cursor.Figures.RestoreFrom(state);
        cursor.Carried = [];
        cursor.Pending.Clear();
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

    /// <summary>What the summary reads, asked of each grain.</summary>
    private async Task<FinalState> Final(RunWorld run, Func<EntityRef, ICascadeEntityGrain> grainOf, IBaseChainGrain baseChain)
    {
        var spec = run.Spec;
        var operators = await Task.WhenAll(Enumerable.Range(0, spec.Operators.Count)
            .Select(v => ((IOperatorGrain)grainOf(EntityRef.Operator(v))).GetFinal(spec.Scenario.Ticks.Count)));
        var services = await Task.WhenAll(Enumerable.Range(0, spec.Services.Count)
            .Select(s => ((IServiceGrain)grainOf(EntityRef.Service(s))).GetView()));
        var tokens = await Task.WhenAll(Enumerable.Range(0, spec.Tokens.Count)
            .Select(t => ((ITokenGrain)grainOf(EntityRef.Token(t))).GetFinal(spec.Scenario.Ticks.Count)));
        var lending = await Task.WhenAll(Enumerable.Range(0, spec.Scenario.LendingMarkets.Count)
            .Select(m => ((ILendingMarketGrain)grainOf(EntityRef.LendingMarket(m))).GetFinal()));
        int pending = spec.ValidatorGroups.Count > 0 ? await baseChain.GetPendingPenalties() : 0;
        var searches = await ((IAdversaryGrain)grainOf(EntityRef.Adversary)).GetSearchesByMethod();
        return new FinalState(operators.Select(o => new FinalOperator(o.EverSlashed, o.Pools, o.BaseRewardsGwei, o.ServiceRewardsGwei, o.PaidByServiceGwei, o.Cohorts)).ToList(),
            services.Select(s => s.Compromised).ToList(), tokens, pending, searches, lending);
    }

    /// <summary>The latest figures of every entity, as reported after each round it took part in.</summary>
    private sealed class Figures
    {
        private readonly long[] operatorValue;
        private readonly bool[] operatorSlashed;
        private readonly bool[] serviceCompromised;
        private readonly int[] serviceSlashDueTick;
        private readonly (long Nav, long Price)[] tokens;

        public Figures(World world)
        {
            operatorValue = world.Operators.Select(o => o.ValueGwei).ToArray();
            operatorSlashed = world.Operators.Select(o => o.EverSlashed).ToArray();
            serviceCompromised = world.Services.Select(s => s.Compromised).ToArray();
            serviceSlashDueTick = world.Services.Select(s => s.NextSlashDueTick).ToArray();
            tokens = world.Tokens.Select(t => (t.NavWad, t.PriceWad)).ToArray();
        }

        public int NextSlashDueTick(int service) => serviceSlashDueTick[service];

        public long RestakedValueGwei => operatorValue.Sum();
        public int ServicesCompromised => serviceCompromised.Count(c => c);

        public void Update(EntityRef entity, EntityFigures f)
        {
            switch (entity.Kind)
            {
                case EntityKind.Operator: operatorValue[entity.Index] = f.ValueGwei; operatorSlashed[entity.Index] = f.Flag; break;
                case EntityKind.Service: serviceCompromised[entity.Index] = f.Flag; serviceSlashDueTick[entity.Index] = f.NextSlashDueTick; break;
                case EntityKind.Token: tokens[entity.Index] = (f.NavWad, f.PriceWad); break;
            }
        }

        public void SaveTo(RunCheckpointState state)
        {
            state.OperatorValue = [.. operatorValue];
            state.OperatorSlashed = [.. operatorSlashed];
            state.ServiceCompromised = [.. serviceCompromised];
            state.ServiceSlashDueTick = [.. serviceSlashDueTick];
            state.TokenNav = tokens.Select(t => t.Nav).ToArray();
            state.TokenPrice = tokens.Select(t => t.Price).ToArray();
        }

        public void RestoreFrom(RunCheckpointState state)
        {
            state.OperatorValue.CopyTo(operatorValue, 0);
            state.OperatorSlashed.CopyTo(operatorSlashed, 0);
            state.ServiceCompromised.CopyTo(serviceCompromised, 0);
            state.ServiceSlashDueTick.CopyTo(serviceSlashDueTick, 0);
            for (int i = 0; i < tokens.Length; i++) tokens[i] = (state.TokenNav[i], state.TokenPrice[i]);
        }

        public TickSnapshot Snapshot() => new(RestakedValueGwei, operatorSlashed.Count(s => s), ServicesCompromised, tokens.ToList());
    }
}

/// <summary>The membership declared a silo dead while a round waited on it.</summary>
public sealed class SiloLostException(string message) : Exception(message);
