using Restaking.Domain.Cascade;

namespace Restaking.Domain.Engine;

/// <summary>
/// Where a run's entities live, as the <see cref="TickDriver"/> sees them: in this process (<see cref="InProcessHost"/>,
/// the reference engine) or in grains across a cluster (the run coordinator's host). The driver decides what happens
/// when; a host only carries mail, runs an entity's round and answers questions about an entity.
/// </summary>
public interface IEntityHost
{
    /// <summary>Hands the scheduler's messages of a tick to their recipients; they apply them in the tick's first round.</summary>
    ValueTask Deliver(int tick, IReadOnlyList<(EntityRef To, Envelope Envelope)> schedule);

    /// <summary>
    /// Round <paramref name="round"/> of tick <paramref name="tick"/>: each of <paramref name="entities"/> (in canonical
    /// order) applies every message sent to it before this round, in (sender, sequence) order, through its own
    /// <see cref="ICascadeParticipant.Handle"/>; what it sends arrives for the next round. Reports come back in the order
    /// of <paramref name="entities"/>.
    /// </summary>
    ValueTask<IReadOnlyList<EntityRound>> Process(int tick, int round, IReadOnlyList<EntityRef> entities);

    /// <summary>Asks each of <paramref name="entities"/> a question (<see cref="Projection{T}"/>); answers in the same order.</summary>
    ValueTask<IReadOnlyList<T>> Query<T>(IReadOnlyList<EntityRef> entities, Projection<T> projection, int argument = 0);
}

/// <summary>
/// What one entity did in one round: the events it recorded (in order), whom it sent mail to (each sender sends one
/// batch per recipient and round, so a recipient waits for one batch from each of its senders), its figures afterwards
/// (<see cref="EntityKindDescriptor.Figures"/>; null for a kind without any) and how many messages it sent.
/// </summary>
public sealed record EntityRound(IReadOnlyList<CascadeEvent> Events, IReadOnlyList<EntityRef> Recipients, long[]? Figures, int MessagesSent)
{
    /// <summary>Runs one entity's round on its own object and reports it: the one place both hosts turn an inbox into a report.</summary>
    public static EntityRound Apply(ICascadeParticipant entity, EntityRef self, List<Envelope> inbox, int tick, int round, out List<Outgoing> outbox)
    {
        inbox.Sort();
        var context = new CascadeContext(tick, round, self);
        entity.Handle(inbox, context);
        outbox = context.Outbox;
        var recipients = new List<EntityRef>();
        var seen = new HashSet<EntityRef>();
        foreach (var o in outbox)
            if (seen.Add(o.To)) recipients.Add(o.To);
        recipients.Sort();
        return new EntityRound(context.Events, recipients, EntityKinds.Of(self.Kind).Figures?.Invoke(entity), outbox.Count);
    }
}

/// <summary>
/// A named question an entity answers without changing (its final figures, its pools now …). Declared once here and
/// answered by either host: in process by calling <see cref="Answer"/> on the entity, on grains by the entity's grain
/// calling it for the coordinator (<see cref="Projections.ByName"/>).
/// </summary>
public sealed class Projection<T>(string name, EntityKind kind, Func<ICascadeParticipant, int, T> answer) : IProjection
{
    public string Name { get; } = name;
    public EntityKind Kind { get; } = kind;

    public T Answer(ICascadeParticipant entity, int argument) => answer(entity, argument);

    object? IProjection.AnswerBoxed(ICascadeParticipant entity, int argument) => answer(entity, argument);
}

/// <summary>A projection without its answer's type, for hosts that carry answers as objects.</summary>
public interface IProjection
{
    string Name { get; }
    EntityKind Kind { get; }
    object? AnswerBoxed(ICascadeParticipant entity, int argument);
}
