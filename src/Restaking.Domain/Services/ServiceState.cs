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
        ServiceVetoSlasher? vetoSlasher = null, string? redistributionRecipient = null, bool redistributesToCorruptor = false,
        ServiceWiring? wiring = null)
    {
        Wiring = wiring ?? ServiceWiring.None;
        Logic = behaviour.CreateLogic(profile);
        valueAtRiskGwei = profile.ValueAtRiskGwei;
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
    /// <summary>α now: the scenario's (or the kind's default) until the kind changes it (<see cref="ServiceHost.SetTerms"/>).</summary>
    public long AttackThresholdWad { get; private set; }
    /// <summary>The kind's own logic for this service.</summary>
    public ServiceLogic Logic { get; }
    /// <summary>Who else a kind may reach: token ids, the lending markets reading this service, the scenario's faults.</summary>
    public ServiceWiring Wiring { get; }
    private long valueAtRiskGwei;
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

    /// <summary>π now: the scenario's until the kind changes it (<see cref="ServiceHost.SetTerms"/>).</summary>
    public long ValueAtRiskGwei => valueAtRiskGwei;

    public long RemainingValueAtRiskGwei => Math.Max(0, valueAtRiskGwei - ValueLostGwei);

    /// <summary>The stake operator <paramref name="op"/> last reported as securing this service (0 when it does not secure it).</summary>
    public long SecuringStakeOf(int op)
    {
        int slot = Array.BinarySearch(Operators, op);
        return slot < 0 ? 0 : securing[slot];
    }

    /// <summary>The first tick at which a pending slash request may execute (<see cref="int.MaxValue"/>: none). The
    /// schedule wakes the service with a <see cref="TickDue"/> once the tick has come (<see cref="Engine.TickSchedule"/>).</summary>
    public int NextSlashDueTick => Behaviour.WantsTicks ? 0 : VetoSlasher?.NextDueTick ?? int.MaxValue;

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
        // A kind's terms and state only when it has logic (kinds with defaults only keep the checkpoint they had).
        if (ReferenceEquals(Logic, ServiceLogic.Inert)) return;
        writer.WriteLong(valueAtRiskGwei);
        writer.WriteLong(AttackThresholdWad);
        Logic.Save(writer);
    }

    public void RestoreState(CheckpointReader reader)
    {
        reader.ReadInto(securing, $"operators securing service {Profile.Id}");
        Compromised = reader.ReadBool();
        ValueLostGwei = reader.ReadLong();
        VetoSlasher?.RestoreState(reader);
        if (ReferenceEquals(Logic, ServiceLogic.Inert)) return;
        valueAtRiskGwei = reader.ReadLong();
        AttackThresholdWad = reader.ReadLong();
        Logic.Restore(reader);
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
                case PluginFaultRaised p:
                    var fault = Wiring.Fault(p.Fault);
                    Input(context, p, new ServiceInput.Fault(fault.PluginType!, fault.Id, fault.PluginData));
                    break;
                case TokenPriceChanged t:
                    Input(context, t, new ServiceInput.TokenPrice(Wiring.TokenId(t.Token), t.PriceWad, t.NavWad));
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
                case TickDue d:
                    // The schedule's wake-up: pending requests whose veto deadline has come.
                    if (VetoSlasher is { } veto) Apply(context, veto.ExecuteDue(context.Tick));
                    if (Behaviour.WantsTicks) Input(context, d, new ServiceInput.Tick(context.Tick));
                    break;
                case OperatorStakeChanged c:
                    int slot = Array.BinarySearch(Operators, c.Operator);
                    foreach (var edge in c.Securing)
                        if (edge.Service == Index) securing[slot] = edge.StakeGwei;
                    if (!ReferenceEquals(Logic, ServiceLogic.Inert)) Input(context, c, new ServiceInput.StakeChanged(c.Operator, securing[slot]));
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
    internal void Slash(CascadeContext context, int op, long wads, SlashReason reason, CascadeMessage cause, bool vetoable = true)
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

    /// <summary>Hands an input to the kind's logic, with a host that sends through this round's outbox.</summary>
    private void Input(CascadeContext context, CascadeMessage cause, ServiceInput input)
    {
        if (ReferenceEquals(Logic, ServiceLogic.Inert)) return;
        Logic.OnInput(new ServiceHost(this, context, cause), input);
    }

    internal int TokenIndexOf(string token) => TokenIndex(token);

    /// <summary>A kind changed its service's terms: the adversary must see them (<see cref="ServiceTermsChanged"/>).</summary>
    internal void SetTerms(CascadeContext context, CascadeMessage cause, long? valueAtRiskGwei, long? attackThresholdWad)
    {
        long before = RemainingValueAtRiskGwei, thresholdBefore = AttackThresholdWad;
        if (valueAtRiskGwei is { } v) this.valueAtRiskGwei = v;
        if (attackThresholdWad is { } a) AttackThresholdWad = a;
        if (RemainingValueAtRiskGwei == before && AttackThresholdWad == thresholdBefore) return;
        context.Send(EntityRef.Adversary, new ServiceTermsChanged(Index, RemainingValueAtRiskGwei, AttackThresholdWad, cause.Cause, cause.Depth + 1));
    }

    private void Corrupt(CascadeContext context, long lost, CascadeEventKind kind, SlashReason reason, CascadeMessage cause, bool notifyAdversary)
    {
        bool first = !Compromised;
        Compromised = true;
        ValueLostGwei += lost;
        context.Record(kind, notifyAdversary ? context.Self : EntityRef.Adversary, context.Self, lost, reason, cause.Cause, cause.Depth);
        Input(context, cause, new ServiceInput.Compromised(lost, cause is AttackLaunched));
        if (first && notifyAdversary) context.Send(EntityRef.Adversary, new ServiceCompromised(Index, cause.Cause, cause.Depth + 1));
    }
}
