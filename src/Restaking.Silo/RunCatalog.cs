using System.Globalization;
using Restaking.Contracts;
using Restaking.Domain.Engine;
using Restaking.Reports;

namespace Restaking.Silo;

/// <summary>Where the HTTP API (<see cref="RunApi"/>) finds runs: the cluster's run registry, or one finished run folder
/// (<c>restaking view DIR</c>).</summary>
public interface IRunCatalog
{
    Task<IReadOnlyList<RunEntry>> List();
    Task<RunEntry?> Get(string id);
    /// <summary>The run's scenario text, its file name, and the overrides it ran with.</summary>
    Task<RunDefinition?> Definition(string id);
    /// <summary>Null: no such run.</summary>
    Task<RunTickPage?> Ticks(string id, int fromTick, int maxEvents, TimeSpan wait);
    /// <summary>timeline.csv, summary.json or events.jsonl of a finished run; null when there is none.</summary>
    Task<string?> File(string id, string name);
    /// <summary>Whether runs can be submitted (not to a folder).</summary>
    bool CanSubmit { get; }
    /// <summary>Starts the run and returns once it is registered.</summary>
    Task Submit(RunDefinition run);
}

/// <summary>The runs of the cluster, from its <see cref="IRunRegistryGrain"/>; submitted runs go through
/// <see cref="OrleansEngine"/> like <c>restaking run</c>'s.</summary>
public sealed class ClusterRunCatalog(IClusterClient client) : IRunCatalog
{
    private IRunRegistryGrain Registry => client.GetGrain<IRunRegistryGrain>(0);

    public Task<IReadOnlyList<RunEntry>> List() => Registry.List();
    public Task<RunEntry?> Get(string id) => Registry.Get(id);
    public Task<RunDefinition?> Definition(string id) => Registry.GetDefinition(id);

    public async Task<RunTickPage?> Ticks(string id, int fromTick, int maxEvents, TimeSpan wait) =>
        await Registry.Get(id) is null ? null : await Registry.Ticks(id, fromTick, maxEvents, wait);

    public Task<string?> File(string id, string name) => Registry.File(id, name);

    public bool CanSubmit => true;

    public async Task Submit(RunDefinition run)
    {
        var registry = Registry;
        var (scenario, ticks) = RunNames.Of(run);
        // Registered here too (the engine's own registration is then a no-op), so the run is listed when the POST returns.
        await registry.RegisterRun(run, scenario, ticks, DateTime.UtcNow);
        _ = Task.Run(async () =>
        {
            try { await new OrleansEngine(client).RunAsync(run); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                try { await registry.Fail(run.RunId, $"{e.GetType().Name}: {e.Message}"); }
                catch (Exception) { } // the registry's silo is gone: nobody is left to tell
            }
        });
    }
}

/// <summary>One finished run folder (any engine): timeline.csv, summary.json, events.jsonl and scenario.json, which
/// run writes next to them. The run's id is the folder's name.</summary>
public sealed class FolderRunCatalog : IRunCatalog
{
    public const string ScenarioFile = "scenario.json";

    private readonly string directory;
    private readonly RunEntry entry;
    private readonly RunDefinition? definition;
    private readonly string header;
    private readonly RunTickRecord[] ticks;

    public FolderRunCatalog(string directory)
    {
        this.directory = directory;
        string id = new(Path.GetFileName(Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar))
            .Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray());
        string timeline = System.IO.File.ReadAllText(Path.Combine(directory, RunOutputs.Timeline));
        using var summary = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(directory, RunOutputs.Summary)));
        var root = summary.RootElement;
        string scenario = root.TryGetProperty("scenario", out var s) ? s.GetString() ?? id : id;
        int tickCount = root.TryGetProperty("ticks", out var t) && t.TryGetInt32(out int n) ? n : 0;
        var lines = timeline.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        header = lines.Length > 0 ? lines[0] : "";
        var events = new Dictionary<int, List<string>>();
        foreach (var line in System.IO.File.ReadLines(Path.Combine(directory, RunOutputs.Events)))
        {
            if (line.Length == 0) continue;
            int tick = TickOf(line);
            if (!events.TryGetValue(tick, out var list)) events[tick] = list = [];
            list.Add(line);
        }
        ticks = lines.Skip(1).Select(row =>
        {
            int tick = int.Parse(row.AsSpan(0, Math.Max(0, row.IndexOf(','))), CultureInfo.InvariantCulture);
            return new RunTickRecord(tick, row, events.TryGetValue(tick, out var list) ? list : []);
        }).ToArray();
        var started = System.IO.File.GetLastWriteTimeUtc(Path.Combine(directory, RunOutputs.Summary));
        entry = new RunEntry(id, scenario, "finished", tickCount, tickCount, started);
        string scenarioPath = Path.Combine(directory, ScenarioFile);
        if (System.IO.File.Exists(scenarioPath))
        {
            ulong? seed = root.TryGetProperty("seed", out var sd) && sd.TryGetUInt64(out ulong v) ? v : null;
            string? model = root.TryGetProperty("securityModel", out var m) ? m.GetString() : null;
            definition = new RunDefinition(id, ScenarioFile, System.IO.File.ReadAllText(scenarioPath), seed, tickCount, SecurityModel: model);
        }
    }

    /// <summary>The files a folder must hold to be viewed.</summary>
    public static IReadOnlyList<string> Required => [RunOutputs.Timeline, RunOutputs.Summary, RunOutputs.Events, ScenarioFile];

    private static int TickOf(string line)
    {
        // Every event line starts {"tick":N, (RunRecorder writes it first).
        const string prefix = "{\"tick\":";
        if (!line.StartsWith(prefix, StringComparison.Ordinal)) return -1;
        int end = line.IndexOf(',', prefix.Length);
        return int.TryParse(line.AsSpan(prefix.Length, end - prefix.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out int t) ? t : -1;
    }

    public Task<IReadOnlyList<RunEntry>> List() => Task.FromResult<IReadOnlyList<RunEntry>>([entry]);
    public Task<RunEntry?> Get(string id) => Task.FromResult(id == entry.Id ? entry : null);
    public Task<RunDefinition?> Definition(string id) => Task.FromResult(id == entry.Id ? definition : null);

    public Task<RunTickPage?> Ticks(string id, int fromTick, int maxEvents, TimeSpan wait)
    {
        if (id != entry.Id) return Task.FromResult<RunTickPage?>(null);
        var page = new List<RunTickRecord>();
        int events = 0;
        foreach (var t in ticks)
        {
            if (t.Tick < fromTick) continue;
            if (page.Count > 0 && events + t.Events.Count > maxEvents) break;
            page.Add(t);
            events += t.Events.Count;
        }
        return Task.FromResult<RunTickPage?>(new RunTickPage(entry, header, page));
    }

    public Task<string?> File(string id, string name) =>
        Task.FromResult(id == entry.Id && name is RunOutputs.Timeline or RunOutputs.Summary or RunOutputs.Events
            ? System.IO.File.ReadAllText(Path.Combine(directory, name)) : null);

    public bool CanSubmit => false;

    public Task Submit(RunDefinition run) => throw new NotSupportedException("a run folder takes no new runs");
}
