using Restaking.Domain.Checkpoints;

namespace Restaking.Domain.Cascade;

/// <summary>
/// What one entity's handler may do during one round: send messages (delivered next round) and record events.
/// The reference engine and each grain create one per handler call, so both engines see the same outputs.
/// </summary>
public sealed class CascadeContext(int tick, int round, EntityRef self)
{
    private int sequence;

    public int Tick { get; } = tick;
    public int Round { get; } = round;
    public EntityRef Self { get; } = self;
    public List<Outgoing> Outbox { get; } = [];
    public List<CascadeEvent> Events { get; } = [];

    public void Send(EntityRef to, CascadeMessage message)
    {
        Outbox.Add(new Outgoing(to, new Envelope(Self, sequence++, message)));
        Engine.RestakingMetrics.CascadeMessages.Add(1);
    }

    public void Record(CascadeEventKind kind, EntityRef source, EntityRef target, long amountGwei, SlashReason? reason, string cause, int depth, string? detail = null) =>
        Events.Add(new CascadeEvent(Tick, Round, kind, source, target, amountGwei, reason, cause, depth, detail));
}

/// <summary>An entity that takes part in cascades: it applies one round's inbox (already in canonical order). Its
/// state can be checkpointed at a tick barrier, so a run can roll back to it.</summary>
public interface ICascadeParticipant : ICheckpointable
{
    void Handle(IReadOnlyList<Envelope> inbox, CascadeContext context);
}
