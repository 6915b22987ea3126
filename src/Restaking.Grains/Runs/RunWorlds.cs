using System.Collections.Concurrent;
using Restaking.Contracts;
using Restaking.Domain.Cascade;
using Restaking.Domain.Engine;
using Restaking.Domain.Scenarios;
using Restaking.Grains.Services;

namespace Restaking.Grains.Runs;

/// <summary>
/// One run as this silo knows it: the scenario, its expansion and the entity objects at tick 0. Every silo builds
/// it from the scenario text (expansion is deterministic), so no world is shipped between silos; each entity grain
/// then takes its own entity object and is the only one to touch it.
/// </summary>
public sealed class RunWorld
{
    public RunWorld(RunDefinition definition, ServiceKindCatalog kinds)
    {
        var loaded = ScenarioLoader.LoadFromText(definition.FileName, definition.ScenarioJson, kinds.Behaviours);
        if (!loaded.IsValid)
            throw new ArgumentException($"run {definition.RunId}: invalid scenario:\n" + string.Join('\n', loaded.Errors));
        var scenario = loaded.Scenario!;
        SecurityModel? model = null;
        if (definition.SecurityModel is { } name)
            model = SecurityModelNames.TryParse(name, out var m) ? m : throw new ArgumentException($"run {definition.RunId}: unknown security model '{name}'");
        scenario = scenario.WithOverrides(definition.Seed, definition.Ticks, model);
        if (FaultModelRules.Check(scenario, definition.FileName) is [_, ..] modelErrors)
            throw new ArgumentException($"run {definition.RunId}: the security model cannot apply every fault:\n" + string.Join('\n', modelErrors));
        Definition = definition;
        Spec = ScenarioExpansion.Expand(scenario);
        World = World.Build(Spec, kinds.Behaviours);
        Kinds = kinds;
    }

    public RunDefinition Definition { get; }
    public WorldSpec Spec { get; }
    public World World { get; }
    public ServiceKindCatalog Kinds { get; }
    public Scenario Scenario => Spec.Scenario;
    public string RunId => Definition.RunId;

    // Grain references and stream addresses by entity, shared by this silo's grains of the run: every send needs
    // one, and building it (key string, grain id, type lookup) costs more than the lookup.
    internal ConcurrentDictionary<EntityRef, ICascadeEntityGrain> GrainRefs { get; } = new();
    internal ConcurrentDictionary<EntityRef, ICascadeEntityInbox> InboxRefs { get; } = new();
    internal ConcurrentDictionary<EntityRef, (string Namespace, string Key)> Addresses { get; } = new();
}

/// <summary>
/// This silo's <see cref="RunWorld"/>s by run id. A world is built once per silo, on the first activation of one of
/// the run's grains (it asks the coordinator for the definition), and forgotten when the last of the run's
/// activations on this silo lets go of it.
/// </summary>
public sealed class RunWorlds(ServiceKindCatalog kinds)
{
    private sealed class Entry(Lazy<RunWorld> world)
    {
        public Lazy<RunWorld> World { get; } = world;
        public int Holders { get; set; }
    }

    private readonly Dictionary<string, Entry> worlds = new(StringComparer.Ordinal);

    public ServiceKindCatalog Kinds => kinds;

    /// <summary>The run's world, built on first use; the caller holds it until <see cref="Release"/>.</summary>
    public RunWorld Acquire(RunDefinition definition)
    {
        Entry entry;
        lock (worlds)
        {
            if (!worlds.TryGetValue(definition.RunId, out entry!))
                worlds[definition.RunId] = entry = new Entry(new Lazy<RunWorld>(() => new RunWorld(definition, kinds)));
            entry.Holders++;
        }
        try
        {
            return entry.World.Value;
        }
        catch
        {
            Release(definition.RunId);
            throw;
        }
    }

    /// <summary>Like <see cref="Acquire(RunDefinition)"/>, asking the run's coordinator for the definition when this silo has not seen the run.</summary>
    public async Task<RunWorld> AcquireAsync(string runId, IGrainFactory grains)
    {
        RunDefinition? known = null;
        lock (worlds)
            if (worlds.TryGetValue(runId, out var entry) && entry.World.IsValueCreated) known = entry.World.Value.Definition;
        return Acquire(known ?? await grains.GetGrain<IRunCoordinatorGrain>(runId).GetDefinition());
    }

    public void Release(string runId)
    {
        lock (worlds)
            if (worlds.TryGetValue(runId, out var entry) && --entry.Holders <= 0) worlds.Remove(runId);
    }

    /// <summary>Runs this silo currently holds a world for.</summary>
    public int Count
    {
        get { lock (worlds) return worlds.Count; }
    }
}
