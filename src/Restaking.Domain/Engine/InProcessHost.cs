using Restaking.Domain.Cascade;

namespace Restaking.Domain.Engine;

/// <summary>
/// The reference engine's host: every entity is an object of one <see cref="World"/> in this process, mail waits in
/// one inbox per recipient, and a round calls each entity in canonical order. Everything completes synchronously.
/// </summary>
public sealed class InProcessHost(World world) : IEntityHost
{
    private SortedDictionary<EntityRef, List<Envelope>> inbox = [];

    public World World { get; } = world;

    /// <summary>Mail delivered and not yet applied, by recipient (what a tick cut by the round cap carries on).</summary>
    public IReadOnlyDictionary<EntityRef, List<Envelope>> Mail => inbox;

    public ValueTask Deliver(int tick, IReadOnlyList<(EntityRef To, Envelope Envelope)> schedule)
    {
        foreach (var (to, envelope) in schedule) Add(inbox, to, envelope);
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<EntityRound>> Process(int tick, int round, IReadOnlyList<EntityRef> entities)
    {
        var next = new SortedDictionary<EntityRef, List<Envelope>>();
        var reports = new EntityRound[entities.Count];
        for (int i = 0; i < entities.Count; i++)
        {
            var to = entities[i];
            var mail = inbox.Remove(to, out var envelopes) ? envelopes : [];
            reports[i] = EntityRound.Apply(World[to], to, mail, tick, round, out var outbox);
            foreach (var o in outbox) Add(next, o.To, o.Envelope);
        }
        // What was sent this round is applied next round; anything left here belongs to no entity of this round.
        foreach (var (to, envelopes) in inbox)
            foreach (var e in envelopes) Add(next, to, e);
        inbox = next;
        return ValueTask.FromResult<IReadOnlyList<EntityRound>>(reports);
    }

    public ValueTask<IReadOnlyList<T>> Query<T>(IReadOnlyList<EntityRef> entities, Projection<T> projection, int argument = 0) =>
        ValueTask.FromResult<IReadOnlyList<T>>(entities.Select(e => projection.Answer(World[e], argument)).ToList());

    /// <summary>Replaces the waiting mail (a checkpoint's).</summary>
    public void RestoreMail(IDictionary<EntityRef, List<Envelope>> mail) => inbox = new SortedDictionary<EntityRef, List<Envelope>>(mail);

    private static void Add(SortedDictionary<EntityRef, List<Envelope>> box, EntityRef to, Envelope envelope)
    {
        if (!box.TryGetValue(to, out var list)) box[to] = list = [];
        list.Add(envelope);
    }
}
