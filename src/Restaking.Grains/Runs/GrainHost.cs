using Restaking.Contracts;
using Restaking.Domain.Cascade;
using Restaking.Domain.Engine;

namespace Restaking.Grains.Runs;

/// <summary>
/// The Orleans engine's <see cref="IEntityHost"/>: each entity is a grain (<see cref="RunGrains"/>). The schedule goes
/// out as one batch per recipient; a round is a <see cref="ICascadeEntityGrain.ProcessRound"/> call to every entity with
/// mail, and it ends when all of them have sent what they sent — a barrier, so what is sent in round r is applied in
/// round r + 1. Since entities send to each other directly, the host counts the batches each recipient is owed (one
/// per sender and step) and tells it how many to wait for, which one-way calls and the stream transports need.
/// </summary>
public sealed class GrainHost(IGrainFactory grains, RunWorld run, CascadeSender sender) : IEntityHost
{
    private readonly Dictionary<EntityRef, int> pending = [];

    /// <summary>Cancelled when the membership declares a silo dead: a round then fails at once (see <see cref="FirstFailureOrAll"/>).</summary>
    public CancellationToken SiloLost { get; set; }

    /// <summary>Numbers every cascade step of the run (a round, or the schedule before it): a batch sent at step s is applied at a later step.</summary>
    public int Step { get; set; }

    /// <summary>Batches of an older epoch than the entities' are from before a recovery, and dropped.</summary>
    public int Epoch { get; set; }

    /// <summary>Cascade messages delivered, and grain calls made, so far (the benchmark's counts).</summary>
    public long Messages { get; set; }
    public long Calls { get; set; }

    /// <summary>No batch is owed to anyone: the entities' states alone say where the run is.</summary>
    public bool Quiet => pending.Count == 0;

    /// <summary>Forgets the batches owed (after a recovery, the entities dropped them).</summary>
    public void ForgetPending() => pending.Clear();

    public async ValueTask Deliver(int tick, IReadOnlyList<(EntityRef To, Envelope Envelope)> schedule)
    {
        var batches = new SortedDictionary<EntityRef, List<Envelope>>();
        foreach (var (to, envelope) in schedule)
        {
            if (!batches.TryGetValue(to, out var list)) batches[to] = list = [];
            list.Add(envelope);
        }
        await Task.WhenAll(batches.Select(b => sender.Send(grains, run, b.Key, new CascadeBatch(Step - 1, new BatchMail(b.Value), Epoch))));
        foreach (var to in batches.Keys) Owe(to);
        Messages += schedule.Count;
        Calls += batches.Count;
    }

    public async ValueTask<IReadOnlyList<EntityRound>> Process(int tick, int round, IReadOnlyList<EntityRef> entities)
    {
        var reports = await FirstFailureOrAll(SiloLost, entities.Select(e =>
            RunGrains.Entity(grains, run, e).ProcessRound(new RoundOrder(tick, round, Step, pending.Remove(e, out int owed) ? owed : 0, Epoch))));
        Calls += entities.Count;
        foreach (var report in reports)
        {
            foreach (var to in report.Recipients) Owe(to);
            Messages += report.MessagesSent;
            Calls += report.Recipients.Count;
        }
        Step++;
        return reports;
    }

    public async ValueTask<IReadOnlyList<T>> Query<T>(IReadOnlyList<EntityRef> entities, Projection<T> projection, int argument = 0)
    {
        Calls += entities.Count;
        return await Task.WhenAll(entities.Select(e => RunGrains.Entity(grains, run, e).Ask(projection, argument)));
    }

    private void Owe(EntityRef to) => pending[to] = pending.GetValueOrDefault(to) + 1;

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
}

/// <summary>The membership declared a silo dead while a round waited on it.</summary>
public sealed class SiloLostException(string message) : Exception(message);
