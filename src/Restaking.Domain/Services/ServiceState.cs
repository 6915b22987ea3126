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

    /// <param name="vetoSlasher">Its veto slasher, if it has one (null: the instant slasher).</param>
    /// <param name="redistributionRecipient">ELIP-006: who receives the stake it slashes (null: burned).</param>
    /// <param name="redistributesToCorruptor">The recipient is the service's own: whoever corrupts the service takes it.</param>
    public ServiceState(int index, ServiceProfile profile, ServiceBehaviour behaviour, long attackThresholdWad,
        long slashFractionWad, long livenessSlashWad, int[] operators, long[] initialSecuring, Func<string, int> tokenIndex,
        ServiceVetoSlasher? vetoSlasher = null, string? redistributionRecipient = null, bool redistributesToCorruptor = false)
    {
        VetoSlasher = vetoSlasher;
        RedistributionRecipient = redistributionRecipient;
        RedistributesToCorruptor = redistributesToCorruptor && redistributionRecipient is not null;
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
    public ServiceVetoSlasher? VetoSlasher { get; }
    public string? RedistributionRecipient { get; }
    /// <summary>Its recipient is captured with the service: once corrupted, its slasher is the attacker's.</summary>
    public bool RedistributesToCorruptor { get; }
    public bool Compromised { get; private set; }
    public long ValueLostGwei { get; private set; }
    private Func<string, int> TokenIndex { get; }

    /// <summary>σ(N(s)): all stake securing the service.</summary>
    public long SecuringStakeGwei => securing.Sum();

    public long RemainingValueAtRiskGwei => Profile.ValueAtRiskGwei - ValueLostGwei;

    /// <summary>The first tick at which a pending slash request may execute (<see cref="int.MaxValue"/>: none). The
    /// schedule wakes the service with a <see cref="TickDue"/> once the tick has come (<see cref="Engine.TickSchedule"/>).</summary>
    public int NextSlashDueTick => VetoSlasher?.NextDueTick ?? int.MaxValue;

    public string CheckpointKind => "service";
    public string CheckpointId => Profile.Id;

    /// <summary>The stake each operator last reported as securing it, whether compromised and what it lost; with a veto
    /// slasher, its requests (pending ones included).</summary>
    public void SaveState(CheckpointWriter writer)
    {
        writer.WriteLongs(securing);
        writer.WriteBool(Compromised);
        writer.WriteLong(ValueLostGwei);
        VetoSlasher?.SaveState(writer);
    }

    public void RestoreState(CheckpointReader reader)
    {
        reader.ReadInto(securing, $"operators securing service {Profile.Id}");
        Compromised = reader.ReadBool();
        ValueLostGwei = reader.ReadLong();
        VetoSlasher?.RestoreState(reader);
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
                    // DR24: attackers lose their stake; the corrupted service proves the fault and slashes all of it. Always at
                    // once, even behind a veto slasher: DR24's cost of an attack is σ(B) lost when it is launched, and the
                    // adversary looks again on the graph that attack leaves; a pending slash would let the next search count
                    // the attackers' forfeited stake again (and a resolver sparing attackers is outside the model).
                    // A service that redistributes to its corruptor is the attacker's now: the adversary slashes its operators
                    // through it, its own included, and is paid (RationalAdversary.Launch), so it punishes no one.
                    if (!RedistributesToCorruptor)
                        foreach (var op in a.Operators) Slash(context, op, Wad.One, SlashReason.Attack, a, vetoable: false);
                    break;
                case TickDue:
                    // The schedule's wake-up: pending requests whose veto deadline has come.
                    if (VetoSlasher is { } veto) Apply(context, veto.ExecuteDue(context.Tick));
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

    /// <summary>
    /// Asks the operator to slash <paramref name="wads"/> of the stake securing this service. With a veto slasher (and
    /// <paramref name="vetoable"/>), the request is for that share of the stake the service sees, in absolute gwei as
    /// Symbiotic's requestSlash takes it, and goes through the slasher: recorded, maybe vetoed, executed later.
    /// </summary>
    private void Slash(CascadeContext context, int op, long wads, SlashReason reason, CascadeMessage cause, bool vetoable = true)
    {
        int slot = Array.BinarySearch(Operators, op);
        if (slot < 0 || wads <= 0) return;
        if (VetoSlasher is { } veto && vetoable)
        {
            long seen = securing[slot];
            Apply(context, veto.Request(context.Tick, op, Wad.Mul(seen, wads, Rounding.Down), seen, reason, cause.Cause, cause.Depth + 1));
            return;
        }
        context.Send(EntityRef.Operator(op), new SlashingRequest(Index, wads, reason, cause.Cause, cause.Depth + 1, Recipient: RedistributionRecipient));
    }

    /// <summary>What the veto slasher did: events for requests, vetoes (and late ones that failed) and lapses; an executed request
    /// goes to the operator as an absolute amount with its capture tick (the operator caps it at the stake it still has for this
    /// service; a shared vault at what the capture allows).</summary>
    private void Apply(CascadeContext context, IReadOnlyList<VetoOutcome> outcomes)
    {
        foreach (var o in outcomes)
        {
            var target = EntityRef.Operator(o.Operator);
            if (o.Step == VetoStep.Executed)
            {
                context.Send(target, new SlashingRequest(Index, Wad.One, o.Reason, o.Cause, o.Depth, o.AmountGwei, RedistributionRecipient, o.CaptureTick));
                continue;
            }
            var kind = o.Step switch
            {
                VetoStep.Requested => CascadeEventKind.SlashRequested,
                VetoStep.Vetoed => CascadeEventKind.SlashVetoed,
                VetoStep.Lapsed => CascadeEventKind.SlashLapsed,
                VetoStep.VetoFailed => CascadeEventKind.SlashVetoFailed,
                _ => throw new InvalidOperationException($"veto step {o.Step} records no event"),
            };
            context.Record(kind, context.Self, target, o.AmountGwei, o.Reason, o.Cause, o.Depth, o.Detail);
        }
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
