using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Restaking.Contracts;

namespace Restaking.Grains.Checkpoints;

/// <summary>
/// Silo option: whether runs checkpoint at tick barriers, so that a run survives a silo's death (a cluster turns it
/// on; one embedded silo cannot outlive itself, so it does not pay for it).
/// </summary>
public sealed class CheckpointOptions
{
    /// <summary>Grain storage the checkpoints go to (Redis on a cluster).</summary>
    public const string Storage = "checkpoints";

    public bool Enabled { get; set; }

    /// <summary>
    /// At most one checkpoint per this much wall time (and one before tick 0). When checkpoints are taken changes
    /// only how much a recovery replays, never an output; the recorder is saved whole each time (mainnet-2025 at
    /// mid-run: 1.4 MB), so every tick would cost O(ticks × events).
    /// </summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// An entity's stored checkpoints: the latest two it wrote. Only an entity that changed writes at a checkpoint, so
/// its state at committed checkpoint c is the newest slot numbered ≤ c; the older slot covers a checkpoint that was
/// being written when a silo died (the coordinator had not committed it).
/// </summary>
[GenerateSerializer, Alias("restaking.EntityCheckpointState")]
public sealed class EntityCheckpointState
{
    [Id(0)] public int Checkpoint { get; set; } = -1;
    [Id(1)] public byte[]? State { get; set; }
    [Id(2)] public int PreviousCheckpoint { get; set; } = -1;
    [Id(3)] public byte[]? PreviousState { get; set; }

    /// <summary>Stores checkpoint <paramref name="checkpoint"/>. The slot it pushes out is kept only if committed:
    /// so the older slot is always ≤ <paramref name="committed"/>, which a recovery can go back to.</summary>
    public void Write(int checkpoint, int committed, byte[] state)
    {
        if (State is not null && Checkpoint <= committed)
        {
            PreviousCheckpoint = Checkpoint;
            PreviousState = State;
        }
        Checkpoint = checkpoint;
        State = state;
    }

    public byte[] At(int committed, string entity) =>
        Checkpoint <= committed && State is not null ? State
        : PreviousCheckpoint <= committed && PreviousState is not null ? PreviousState
        : throw new InvalidOperationException($"{entity}: no stored state at or before checkpoint {committed} "
            + $"(has {Checkpoint} and {PreviousCheckpoint})");
}

/// <summary>The coordinator's side of the last committed checkpoint: where the run was and what it had recorded.</summary>
[GenerateSerializer, Alias("restaking.RunCheckpointState")]
public sealed class RunCheckpointState
{
    [Id(0)] public RunDefinition? Definition { get; set; }
    /// <summary>The committed checkpoint's number; -1: none yet.</summary>
    [Id(1)] public int Checkpoint { get; set; } = -1;
    /// <summary>The highest checkpoint number ever started (numbers are never reused).</summary>
    [Id(2)] public int LastAttempted { get; set; } = -1;
    [Id(3)] public int NextTick { get; set; }
    [Id(4)] public int Step { get; set; }
    [Id(5)] public long Messages { get; set; }
    [Id(6)] public long Calls { get; set; }
    [Id(7)] public byte[]? Recorder { get; set; }
    [Id(13)] public int Epoch { get; set; }
    [Id(14)] public List<RunRecovery> Recoveries { get; set; } = [];
    /// <summary>Set once the run is done, before its entities forget their checkpoints: a coordinator reactivated
    /// after that point answers with it instead of replaying.</summary>
    [Id(15)] public RunOutcome? Outcome { get; set; }
    /// <summary>Every entity's last reported figures (<see cref="Domain.Engine.TimelineFigures.Save"/>).</summary>
    [Id(17)] public byte[]? Figures { get; set; }
}

/// <summary>Reads and writes one grain's checkpoint record in <see cref="CheckpointOptions.Storage"/>.</summary>
public sealed class CheckpointStore<T>(IServiceProvider services, string name) where T : class, new()
{
    private readonly IGrainStorage storage = services.GetRequiredKeyedService<IGrainStorage>(CheckpointOptions.Storage);
    private readonly GrainState<T> state = new(new T());

    public T Value => state.State ??= new T();

    public bool Exists => state.RecordExists;

    public Task Read(GrainId grain) => storage.ReadStateAsync(name, grain, state);

    public Task Write(GrainId grain) => storage.WriteStateAsync(name, grain, state);

    public async Task Clear(GrainId grain)
    {
        if (state.RecordExists) await storage.ClearStateAsync(name, grain, state);
        state.State = new T();
    }

    public static bool Enabled(IServiceProvider services) => services.GetRequiredService<IOptions<CheckpointOptions>>().Value.Enabled;
}
