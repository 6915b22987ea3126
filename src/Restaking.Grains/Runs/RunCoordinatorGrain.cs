using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Streams;
using Restaking.Contracts;
using Restaking.Domain.Cascade;
using Restaking.Domain.Engine;

namespace Restaking.Grains.Runs;

/// <summary>
/// Runs one scenario on grains (key: the run id). Per tick it sends the scheduled faults, then drives cascade
/// rounds: every entity with mail applies it (<see cref="ICascadeEntityGrain.ProcessRound"/>), and the round ends
/// when all of them have delivered what they sent — a barrier, so what is sent in round r is applied in round r + 1,
/// exactly as in <see cref="ReferenceEngine"/>. Events are gathered in entity order and recorded by the same
/// <see cref="RunRecorder"/>, so the outputs are byte-identical to the reference engine's, over any
/// <see cref="CascadeTransport"/>: the coordinator counts the batches sent to each entity and tells it how many to
/// wait for, which one-way calls and memory streams (delivered asynchronously) need.
/// </summary>
[Reentrant]
public sealed class RunCoordinatorGrain(RunWorlds worlds, CascadeSender sender, ILogger<RunCoordinatorGrain> log) : Grain, IRunCoordinatorGrain
{
    private RunDefinition? definition;
    private RunStatus? status;
    private RunOutcome? outcome;

    public Task<RunDefinition> GetDefinition() =>
        definition is null ? throw new InvalidOperationException(
            $"run {this.GetPrimaryKeyString()} is not on this cluster: it was never started, or it finished without keeping its grains "
            + "(a run keeps them with RunDefinition.KeepGrains, e.g. restaking run --hold)") : Task.FromResult(definition);

    public Task Start(RunDefinition run)
    {
        if (run.RunId != this.GetPrimaryKeyString()) throw new ArgumentException($"run id {run.RunId} does not match grain key {this.GetPrimaryKeyString()}");
        if (definition is not null) throw new InvalidOperationException($"run {run.RunId} was already started");
        definition = run;
        var world = worlds.Acquire(run);
        status = new RunStatus(run.RunId, 0, world.Scenario.Ticks.Count, false, null);
        DelayDeactivation(TimeSpan.FromHours(2));
        _ = Drive(world);
        return Task.CompletedTask;
    }

    public Task<RunStatus> GetStatus() =>
        Task.FromResult(status ?? new RunStatus(this.GetPrimaryKeyString(), 0, 0, false, "not started"));

    public Task Close()
    {
        if (definition?.KeepGrains != true) DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task<RunOutcome> GetOutcome() =>
        outcome is null ? throw new InvalidOperationException($"run {this.GetPrimaryKeyString()} has not finished") : Task.FromResult(outcome);

    private async Task Drive(RunWorld run)
    {
        var stream = this.GetStreamProvider(RunStreams.Provider).GetStream<RunProgress>(StreamId.Create(RunStreams.Namespace, run.RunId));
        string? error = null;
        try
        {
            outcome = await Simulate(run, stream);
            outcome = outcome with { Placement = await Placement(run.RunId) };
        }
        catch (Exception e)
        {
            log.LogError(e, "run {RunId} failed", run.RunId);
            error = $"{e.GetType().Name}: {e.Message}";
        }
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

    /// <summary>Tells every entity grain of the run that it is over (they deactivate unless the run keeps them).</summary>
    private async Task EndRun(RunWorld run)
    {
        var spec = run.Spec;
        var entities = new List<EntityRef> { EntityRef.BaseChain, EntityRef.Adversary };
        entities.AddRange(Enumerable.Range(0, spec.Operators.Count).Select(EntityRef.Operator));
        entities.AddRange(Enumerable.Range(0, spec.Services.Count).Select(EntityRef.Service));
        entities.AddRange(Enumerable.Range(0, spec.Tokens.Count).Select(EntityRef.Token));
        await Task.WhenAll(entities.Select(e => RunGrains.Entity(GrainFactory, run, e).EndRun(run.Definition.KeepGrains)));
    }

    private async Task<RunOutcome> Simulate(RunWorld run, IAsyncStream<RunProgress> stream)
    {
        var spec = run.Spec;
        var world = run.World;
        // Read tick-0 facts before any grain of this silo has applied anything.
        var initial = RunSummary.Initial(world);
        var figures = new Figures(world);
        var recorder = new RunRecorder(world.NameOf, spec.Tokens.Select(t => t.Id).ToList());
        var grains = new Dictionary<EntityRef, ICascadeEntityGrain>();
        ICascadeEntityGrain GrainOf(EntityRef e) =>
            grains.TryGetValue(e, out var g) ? g : grains[e] = RunGrains.Entity(GrainFactory, run, e);
        var baseChain = GrainFactory.GetGrain<IBaseChainGrain>(GrainKeys.Of(run.RunId, GrainKeys.BaseChain));

        long messages = 0, calls = 0;
        int step = 0;
        var carried = new SortedSet<EntityRef>();
        // Batches sent to each entity and not yet applied: its next round waits for that many.
        var pending = new Dictionary<EntityRef, int>();
        void Expect(EntityRef to, int batches) => pending[to] = pending.GetValueOrDefault(to) + batches;
        for (int tick = 0; tick < spec.Scenario.Ticks.Count; tick++)
        {
            // 1. The schedule, sent by the run's clock as one batch per (recipient, hop).
            var active = carried;
            bool penaltiesDue = spec.ValidatorGroups.Count > 0 && await baseChain.HasPenaltiesDue(tick);
            calls += spec.ValidatorGroups.Count > 0 ? 1 : 0;
            var schedule = new SortedDictionary<(EntityRef To, CascadeHop Hop), List<Envelope>>();
            int sequence = 0;
            foreach (var (to, message) in TickSchedule.Start(tick, spec, penaltiesDue))
            {
                var key = (to, sender.PerHop ? CascadeHops.Of(message) : default);
                if (!schedule.TryGetValue(key, out var list)) schedule[key] = list = [];
                list.Add(new Envelope(EntityRef.Scheduler, sequence++, message));
                active.Add(to);
            }
            await Task.WhenAll(schedule.Select(b => sender.Send(GrainFactory, run, b.Key.To, b.Key.Hop, new CascadeBatch(step - 1, b.Value))));
            foreach (var to in schedule.Keys) Expect(to.To, 1);
            messages += sequence;
            calls += schedule.Count;

            // 2. Cascade rounds until nobody sends (or the cap is hit: the rest opens the next tick).
            var events = new List<CascadeEvent>();
            int round = 0;
            bool capHit = false;
            while (active.Count > 0)
            {
                if (round == spec.Scenario.MaxCascadeRounds) { capHit = true; break; }
                var entities = active.ToArray();
                var reports = await Task.WhenAll(entities.Select(e =>
                    GrainOf(e).ProcessRound(new RoundOrder(tick, round, step, pending.Remove(e, out int expected) ? expected : 0))));
                calls += entities.Length;
                var next = new SortedSet<EntityRef>();
                for (int i = 0; i < entities.Length; i++)
                {
                    var report = reports[i];
                    events.AddRange(report.Events);
                    figures.Update(entities[i], report.Figures);
                    next.UnionWith(report.Recipients);
                    for (int r = 0; r < report.Recipients.Count; r++) Expect(report.Recipients[r], report.BatchesPerRecipient[r]);
                    messages += report.MessagesSent;
                    calls += report.BatchesPerRecipient.Sum();
                }
                active = next;
                round++;
                step++;
            }
            carried = capHit ? active : [];

            // 3. End of tick: the snapshot, from the figures the entities reported.
            int eventsBefore = recorder.EventCount;
            recorder.RecordTick(tick, events, round, capHit, figures.Snapshot());
            status = status! with { TicksDone = tick + 1 };
            foreach (var chunk in Chunks(recorder.EventLines, eventsBefore))
                await stream.OnNextAsync(new RunProgress(run.RunId, tick + 1, spec.Scenario.Ticks.Count, figures.RestakedValueGwei,
                    figures.ServicesCompromised, chunk, false, null));
        }

        var final = await Final(run, GrainOf, baseChain);
        string summary = RunSummary.Build(spec, final, recorder, initial);
        return new RunOutcome(recorder.TimelineCsv, summary, recorder.EventLines.ToArray(), messages, calls);
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
            .Select(v => ((IOperatorGrain)grainOf(EntityRef.Operator(v))).GetFinal()));
        var services = await Task.WhenAll(Enumerable.Range(0, spec.Services.Count)
            .Select(s => ((IServiceGrain)grainOf(EntityRef.Service(s))).GetView()));
        var tokens = await Task.WhenAll(Enumerable.Range(0, spec.Tokens.Count)
            .Select(t => ((ITokenGrain)grainOf(EntityRef.Token(t))).GetFinal()));
        int pending = spec.ValidatorGroups.Count > 0 ? await baseChain.GetPendingPenalties() : 0;
        var searches = await ((IAdversaryGrain)grainOf(EntityRef.Adversary)).GetSearchesByMethod();
        return new FinalState(operators.Select(o => new FinalOperator(o.EverSlashed, o.Pools)).ToList(),
            services.Select(s => s.Compromised).ToList(), tokens, pending, searches);
    }

    /// <summary>The latest figures of every entity, as reported after each round it took part in.</summary>
    private sealed class Figures
    {
        private readonly long[] operatorValue;
        private readonly bool[] operatorSlashed;
        private readonly bool[] serviceCompromised;
        private readonly (long Nav, long Price)[] tokens;

        public Figures(World world)
        {
            operatorValue = world.Operators.Select(o => o.ValueGwei).ToArray();
            operatorSlashed = world.Operators.Select(o => o.EverSlashed).ToArray();
            serviceCompromised = world.Services.Select(s => s.Compromised).ToArray();
            tokens = world.Tokens.Select(t => (t.NavWad, t.PriceWad)).ToArray();
        }

        public long RestakedValueGwei => operatorValue.Sum();
        public int ServicesCompromised => serviceCompromised.Count(c => c);

        public void Update(EntityRef entity, EntityFigures f)
        {
            switch (entity.Kind)
            {
                case EntityKind.Operator: operatorValue[entity.Index] = f.ValueGwei; operatorSlashed[entity.Index] = f.Flag; break;
                case EntityKind.Service: serviceCompromised[entity.Index] = f.Flag; break;
                case EntityKind.Token: tokens[entity.Index] = (f.NavWad, f.PriceWad); break;
            }
        }

        public TickSnapshot Snapshot() => new(RestakedValueGwei, operatorSlashed.Count(s => s), ServicesCompromised, tokens.ToList());
    }
}
