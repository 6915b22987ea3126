using Orleans.Concurrency;
using Orleans.Streams;
using Restaking.Contracts;
using Restaking.Domain.Engine;

namespace Restaking.Grains.Runs;

/// <summary>
/// Every run the cluster knows (<see cref="IRunRegistryGrain"/>): follows each registered run's stream and keeps its
/// ticks (timeline row and event lines, at most <see cref="RunRegistryLimits.MaxEvents"/> events per run) so that a
/// browser that connects late can replay the run, and its outputs once finished. In memory only, kept active while
/// its silo lives (docs/contagion-view.md).
/// </summary>
[Reentrant]
public sealed class RunRegistryGrain : Grain, IRunRegistryGrain
{
    private readonly Dictionary<string, RunRecord> runs = new(StringComparer.Ordinal);

    private sealed class RunRecord(RunEntry entry, RunDefinition definition)
    {
        public RunEntry Entry { get; set; } = entry;
        public RunDefinition Definition { get; } = definition;
        public string? Header { get; set; }
        public List<RunTickRecord> Ticks { get; } = [];
        public int Events { get; set; }
        public RunOutcome? Outcome { get; set; }
        public StreamSubscriptionHandle<RunProgress>? Subscription { get; set; }
        /// <summary>Readers waiting for the next tick (long poll).</summary>
        public TaskCompletionSource Changed { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The history lives in memory: stay active while the silo lives (a few runs' events, bounded per run).
        DelayDeactivation(TimeSpan.FromDays(365));
        return Task.CompletedTask;
    }

    public async Task RegisterRun(RunDefinition definition, string scenario, int ticks, DateTime startedUtc)
    {
        if (runs.ContainsKey(definition.RunId)) return;
        var record = new RunRecord(new RunEntry(definition.RunId, scenario, "running", 0, ticks, startedUtc), definition);
        runs[definition.RunId] = record;
        var stream = this.GetStreamProvider(RunStreams.Provider).GetStream<RunProgress>(StreamId.Create(RunStreams.Namespace, definition.RunId));
        record.Subscription = await stream.SubscribeAsync((p, _) => OnProgress(record, p));
    }

    private async Task OnProgress(RunRecord run, RunProgress p)
    {
        if (p.Finished)
        {
            if (run.Entry.Status == "running")
                run.Entry = run.Entry with { Status = p.Error is null ? "finished" : "failed", Error = p.Error, TicksDone = p.TicksDone };
            Signal(run);
            if (run.Subscription is { } handle)
            {
                run.Subscription = null;
                try { await handle.UnsubscribeAsync(); }
                catch (Exception e) when (e is not OutOfMemoryException) { } // the stream's pub-sub may be gone with a silo
            }
            return;
        }
        // After Complete the history is the outputs' own; a late stream message adds nothing.
        if (run.Outcome is not null) return;
        int tick = p.TicksDone - 1;
        run.Header ??= p.TimelineHeader;
        // A cluster recovery replays ticks from a checkpoint (exactly): drop what the replay rewrites.
        while (run.Ticks.Count > 0 && run.Ticks[^1].Tick > tick)
        {
            run.Events -= run.Ticks[^1].Events.Count;
            run.Ticks.RemoveAt(run.Ticks.Count - 1);
        }
        var keep = p.ContagionEvents;
        if (run.Events + keep.Count > RunRegistryLimits.MaxEvents)
        {
            keep = [];
            run.Entry = run.Entry with { EventsTruncated = true };
        }
        run.Events += keep.Count;
        if (run.Ticks.Count > 0 && run.Ticks[^1].Tick == tick)
            run.Ticks[^1] = run.Ticks[^1] with { Events = [.. run.Ticks[^1].Events, .. keep] }; // a large tick's next chunk
        else run.Ticks.Add(new RunTickRecord(tick, p.TimelineRow, keep));
        run.Entry = run.Entry with { TicksDone = p.TicksDone, Ticks = p.Ticks };
        Signal(run);
    }

    /// <summary>Drops the history of the oldest finished runs past <see cref="RunRegistryLimits.MaxFinishedWithHistory"/>.</summary>
    private void Forget()
    {
        var finished = runs.Values.Where(r => r.Entry.Status != "running" && (r.Ticks.Count > 0 || r.Outcome is not null))
            .OrderBy(r => r.Entry.StartedUtc).ToList();
        for (int i = 0; i < finished.Count - RunRegistryLimits.MaxFinishedWithHistory; i++)
        {
            finished[i].Ticks.Clear();
            finished[i].Events = 0;
            finished[i].Outcome = null;
            finished[i].Entry = finished[i].Entry with { HistoryDropped = true };
        }
    }

    private void Signal(RunRecord run)
    {
        if (run.Entry.Status != "running") Forget();
        var changed = run.Changed;
        run.Changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    public Task Complete(string runId, RunOutcome outcome)
    {
        if (!runs.TryGetValue(runId, out var run)) return Task.CompletedTask;
        // Beyond the cap the event lines are not kept (events.jsonl is then served only from a run folder).
        bool truncated = outcome.EventLines.Count > RunRegistryLimits.MaxEvents;
        run.Outcome = truncated ? outcome with { EventLines = [] } : outcome;
        // The memory stream delivers on its own schedule: the last ticks may not have come yet. The outputs hold the
        // same rows and lines, so the history is rebuilt from them, whole.
        var lines = outcome.TimelineCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var byTick = run.Outcome.EventLines.GroupBy(TickOf).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.ToArray());
        run.Header = lines.Length > 0 ? lines[0] : run.Header;
        run.Ticks.Clear();
        foreach (var row in lines.Skip(1))
        {
            int tick = int.Parse(row.AsSpan(0, row.IndexOf(',')), System.Globalization.CultureInfo.InvariantCulture);
            run.Ticks.Add(new RunTickRecord(tick, row, byTick.GetValueOrDefault(tick, [])));
        }
        run.Events = run.Outcome.EventLines.Count;
        if (truncated) run.Entry = run.Entry with { EventsTruncated = true };
        run.Entry = run.Entry with { Status = "finished", TicksDone = run.Entry.Ticks, Error = null };
        Signal(run);
        return Task.CompletedTask;
    }

    /// <summary>The tick of an event line: RunRecorder writes it first, <c>{"tick":N,</c>.</summary>
    private static int TickOf(string line)
    {
        const string prefix = "{\"tick\":";
        int end = line.IndexOf(',', prefix.Length);
        return line.StartsWith(prefix, StringComparison.Ordinal) && end > 0
            && int.TryParse(line.AsSpan(prefix.Length, end - prefix.Length), System.Globalization.CultureInfo.InvariantCulture, out int t) ? t : -1;
    }

    public Task Fail(string runId, string error)
    {
        if (runs.TryGetValue(runId, out var run) && run.Entry.Status == "running")
        {
            run.Entry = run.Entry with { Status = "failed", Error = error };
            Signal(run);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RunEntry>> List() =>
        Task.FromResult<IReadOnlyList<RunEntry>>(runs.Values.Select(r => r.Entry).OrderBy(e => e.StartedUtc).ThenBy(e => e.Id, StringComparer.Ordinal).ToArray());

    public Task<RunEntry?> Get(string runId) => Task.FromResult(runs.TryGetValue(runId, out var run) ? run.Entry : null);

    public Task<RunDefinition?> GetDefinition(string runId) => Task.FromResult(runs.TryGetValue(runId, out var run) ? run.Definition : null);

    public async Task<RunTickPage> Ticks(string runId, int fromTick, int maxEvents, TimeSpan wait)
    {
        if (!runs.TryGetValue(runId, out var run)) throw new KeyNotFoundException($"run {runId} is not known");
        if (run.Entry.Status == "running" && !run.Ticks.Any(t => t.Tick >= fromTick))
            await Task.WhenAny(run.Changed.Task, Task.Delay(wait));
        var page = new List<RunTickRecord>();
        int events = 0;
        foreach (var t in run.Ticks)
        {
            if (t.Tick < fromTick) continue;
            if (page.Count > 0 && events + t.Events.Count > maxEvents) break;
            page.Add(t);
            events += t.Events.Count;
        }
        return new RunTickPage(run.Entry, run.Header, page);
    }

    public Task<string?> File(string runId, string name)
    {
        if (!runs.TryGetValue(runId, out var run) || run.Outcome is not { } outcome) return Task.FromResult<string?>(null);
        return Task.FromResult(name switch
        {
            RunOutputs.Timeline => outcome.TimelineCsv,
            RunOutputs.Summary => outcome.SummaryJson,
            RunOutputs.Events when !run.Entry.EventsTruncated => string.Concat(outcome.EventLines.Select(l => l + "\n")),
            _ => null,
        });
    }
}
