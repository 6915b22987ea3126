using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Units;

namespace Restaking.Domain.Services;

/// <summary>
/// A service secured by operators: it slashes them for faults, is corrupted by attacks or exploits (losing its value
/// at risk), and keeps the stake that secures it up to date from its operators' notices.
/// </summary>
public sealed class ServiceState : ICascadeParticipant
{
    private readonly long[] securing;

    public ServiceState(int index, ServiceProfile profile, ServiceBehaviour behaviour, long attackThresholdWad,
        long slashFractionWad, long livenessSlashWad, int[] operators, long[] initialSecuring, Func<string, int> tokenIndex)
    {
        Index = index;
        Profile = profile;
        Behaviour = behaviour;
        AttackThresholdWad = attackThresholdWad;
        SlashFractionWad = slashFractionWad;
        LivenessSlashWad = livenessSlashWad;
        Operators = operators;
        securing = initialSecuring;
        TokenIndex = tokenIndex;
    }

    public int Index { get; }
    public ServiceProfile Profile { get; }
    public ServiceBehaviour Behaviour { get; }
    public long AttackThresholdWad { get; }
    public long SlashFractionWad { get; }
    public long LivenessSlashWad { get; }
    /// <summary>Operators securing this service, sorted by index.</summary>
    public int[] Operators { get; }
    public bool Compromised { get; private set; }
    public long ValueLostGwei { get; private set; }
    private Func<string, int> TokenIndex { get; }

    /// <summary>σ(N(s)): all stake securing the service.</summary>
    public long SecuringStakeGwei => securing.Sum();

    public long RemainingValueAtRiskGwei => Profile.ValueAtRiskGwei - ValueLostGwei;

    public string CheckpointKind => "service";
    public string CheckpointId => Profile.Id;

    /// <summary>The stake each operator last reported as securing it, whether compromised and what it lost.</summary>
    public void SaveState(CheckpointWriter writer)
    {
        writer.WriteLongs(securing);
        writer.WriteBool(Compromised);
        writer.WriteLong(ValueLostGwei);
    }

    public void RestoreState(CheckpointReader reader)
    {
        reader.ReadInto(securing, $"operators securing service {Profile.Id}");
        Compromised = reader.ReadBool();
        ValueLostGwei = reader.ReadLong();
    }

    public void Handle(IReadOnlyList<Envelope> inbox, CascadeContext context)
    {
        foreach (var envelope in inbox)
        {
            switch (envelope.Message)
            {
                case EquivocationProven e:
                    Slash(context, e.Operator, SlashFractionWad, SlashReason.Equivocation, e);
                    break;
                case RogueSlashing r:
                    foreach (var op in Operators) Slash(context, op, r.FractionWad ?? SlashFractionWad, SlashReason.RogueService, r);
                    break;
                case OutageReported o:
                    if (LivenessSlashWad > 0)
                        foreach (var op in o.Operators) Slash(context, op, LivenessSlashWad, SlashReason.Outage, o);
                    break;
                case BridgeDrained d:
                    long drained = Math.Min(d.AmountGwei, RemainingValueAtRiskGwei);
                    Corrupt(context, drained, CascadeEventKind.Drain, SlashReason.BridgeExploit, d, notifyAdversary: true);
                    break;
                case AttackLaunched a:
                    Corrupt(context, RemainingValueAtRiskGwei, CascadeEventKind.Compromise, SlashReason.Attack, a, notifyAdversary: false);
                    // DR24: attackers lose their stake; the corrupted service proves the fault and slashes all of it.
                    foreach (var op in a.Operators) Slash(context, op, Wad.One, SlashReason.Attack, a);
                    break;
                case OperatorStakeChanged c:
                    int slot = Array.BinarySearch(Operators, c.Operator);
                    foreach (var edge in c.Securing)
                        if (edge.Service == Index) securing[slot] = edge.StakeGwei;
                    break;
                default:
                    throw new InvalidOperationException($"service cannot handle {envelope.Message.GetType().Name}");
            }
        }
    }

    private void Slash(CascadeContext context, int op, long wads, SlashReason reason, CascadeMessage cause)
    {
        if (Array.BinarySearch(Operators, op) < 0 || wads <= 0) return;
        context.Send(EntityRef.Operator(op), new SlashingRequest(Index, wads, reason, cause.Cause, cause.Depth + 1));
    }

    private void Corrupt(CascadeContext context, long lost, CascadeEventKind kind, SlashReason reason, CascadeMessage cause, bool notifyAdversary)
    {
        bool first = !Compromised;
        Compromised = true;
        ValueLostGwei += lost;
        context.Record(kind, notifyAdversary ? context.Self : EntityRef.Adversary, context.Self, lost, reason, cause.Cause, cause.Depth);
        foreach (var effect in Behaviour.OnCompromised(Profile, lost))
        {
            if (effect is DrainBacking drain)
                context.Send(EntityRef.Token(TokenIndex(drain.Token)), new BackingDrained(Index, drain.AmountGwei, cause.Cause, cause.Depth + 1));
        }
        if (first && notifyAdversary) context.Send(EntityRef.Adversary, new ServiceCompromised(Index, cause.Cause, cause.Depth + 1));
    }
}
