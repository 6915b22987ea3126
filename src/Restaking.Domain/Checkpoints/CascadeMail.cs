using Restaking.Domain.Cascade;

namespace Restaking.Domain.Checkpoints;

/// <summary>
/// Messages in flight across a tick barrier — what a tick cut by <c>maxCascadeRounds</c> carries into the next one —
/// as checkpoint bytes: each envelope's sender and sequence, then its message as a tag and its fields.
/// </summary>
public static class CascadeMail
{
    public const string Kind = "mail";

    /// <summary>The envelopes waiting for <paramref name="recipient"/> (its name goes in the header).</summary>
    public static byte[] Save(string recipient, IReadOnlyList<Envelope> envelopes)
    {
        var writer = new CheckpointWriter();
        Checkpoint.WriteHeader(writer, Kind, recipient);
        writer.WriteAll(envelopes, envelope => Write(writer, envelope));
        return writer.ToArray();
    }

    public static List<Envelope> Restore(string recipient, byte[] bytes)
    {
        var reader = new CheckpointReader(bytes);
        Checkpoint.ReadHeader(reader, Kind, recipient);
        var envelopes = reader.ReadAll(MinEnvelopeBytes, () => ReadEnvelope(reader));
        reader.RequireEnd($"mail for '{recipient}'");
        return [.. envelopes];
    }

    /// <summary>A batch on the wire (no header: sender and recipient know what it is): the envelopes, in order.</summary>
    public static byte[] Pack(IReadOnlyList<Envelope> envelopes)
    {
        var writer = new CheckpointWriter();
        writer.WriteAll(envelopes, envelope => Write(writer, envelope));
        return writer.ToArray();
    }

    /// <summary>Adds the envelopes of a <see cref="Pack"/>ed batch to <paramref name="into"/>.</summary>
    public static void Unpack(byte[] batch, List<Envelope> into)
    {
        var reader = new CheckpointReader(batch);
        int count = reader.ReadCount(MinEnvelopeBytes);
        for (int i = 0; i < count; i++) into.Add(ReadEnvelope(reader));
        reader.RequireEnd("cascade batch");
    }

    public static void Write(CheckpointWriter w, Envelope envelope)
    {
        Write(w, envelope.From);
        w.WriteInt(envelope.Sequence);
        Write(w, envelope.Message);
    }

    /// <summary>Sender 5, sequence 4, tag 1, cause length 4, depth 4.</summary>
    private const int MinEnvelopeBytes = 18;

    public static Envelope ReadEnvelope(CheckpointReader r) => new(ReadEntity(r), r.ReadInt(), ReadMessage(r));

    public static void Write(CheckpointWriter w, EntityRef entity)
    {
        w.WriteByte((byte)entity.Kind);
        w.WriteInt(entity.Index);
    }

    public static EntityRef ReadEntity(CheckpointReader r)
    {
        byte kind = r.ReadByte();
        if (!Enum.IsDefined((EntityKind)kind)) throw new CheckpointFormatException($"unknown entity kind {kind}");
        return new EntityRef((EntityKind)kind, r.ReadInt());
    }

    /// <summary>One tag per message type: its one binary form, on the wire (<see cref="Pack"/>) and in checkpoints. A new type must get
    /// one here (a test checks every type round-trips).</summary>
    private enum Tag : byte
    {
        EquivocationProven = 1,
        RogueSlashing,
        OutageReported,
        BridgeDrained,
        MassSlashing,
        PriceShock,
        TickDue,
        SlashingRequest,
        ValidatorPenalty,
        OperatorStakeChanged,
        TokenPriceChanged,
        AttackLaunched,
        ServiceCompromised,
        BackingDrained,
        ExitWave,
        CollateralSold,
        WithdrawalWave,
        Reallocation,
        VaultLimitChange,
        StakerDeposit,
        StakerWithdrawal,
        PluginFaultRaised,
        RedemptionsHalted,
        OraclePriceReported,
        ServiceTermsChanged,
    }

    public static void Write(CheckpointWriter w, CascadeMessage message)
    {
        switch (message)
        {
            case EquivocationProven m: Head(w, Tag.EquivocationProven, m); w.WriteInt(m.Operator); break;
            case RogueSlashing m: Head(w, Tag.RogueSlashing, m); w.WriteNullableLong(m.FractionWad); break;
            case OutageReported m: Head(w, Tag.OutageReported, m); w.WriteInts(m.Operators); break;
            case BridgeDrained m: Head(w, Tag.BridgeDrained, m); w.WriteLong(m.AmountGwei); break;
            case MassSlashing m: Head(w, Tag.MassSlashing, m); w.WriteInts(m.Groups); w.WriteLong(m.FractionWad); w.WriteLong(m.OtherSlashedGwei); break;
            case PriceShock m: Head(w, Tag.PriceShock, m); w.WriteLong(m.FractionWad); break;
            case TickDue m: Head(w, Tag.TickDue, m); break;
            case SlashingRequest m:
                Head(w, Tag.SlashingRequest, m); w.WriteInt(m.Service); w.WriteLong(m.WadsToSlash); w.WriteInt((int)m.Reason);
                w.WriteNullableLong(m.AmountGwei); w.WriteString(m.Recipient); w.WriteNullableLong(m.CaptureTick);
                break;
            case ValidatorPenalty m: Head(w, Tag.ValidatorPenalty, m); w.WriteString(m.ValidatorGroup); w.WriteLong(m.AmountGwei); break;
            case OperatorStakeChanged m:
                Head(w, Tag.OperatorStakeChanged, m); w.WriteInt(m.Operator); w.WriteLong(m.ValueGwei); WriteSecuring(w, m.Securing); WritePools(w, m.Pools);
                break;
            case TokenPriceChanged m:
                Head(w, Tag.TokenPriceChanged, m); w.WriteInt(m.Token); w.WriteLong(m.NavWad); w.WriteLong(m.PriceWad);
                w.WriteBool(m.VenuePricesWad is not null);
                if (m.VenuePricesWad is { } venues) w.WriteLongs(venues);
                break;
            case AttackLaunched m: Head(w, Tag.AttackLaunched, m); w.WriteInt(m.AttackNumber); w.WriteInts(m.Services); w.WriteInts(m.Operators); break;
            case ServiceCompromised m: Head(w, Tag.ServiceCompromised, m); w.WriteInt(m.Service); break;
            case BackingDrained m: Head(w, Tag.BackingDrained, m); w.WriteInt(m.Service); w.WriteLong(m.AmountGwei); break;
            case ExitWave m: Head(w, Tag.ExitWave, m); w.WriteLong(m.Tokens); break;
            case CollateralSold m: Head(w, Tag.CollateralSold, m); w.WriteInt(m.Market); w.WriteLong(m.Tokens); break;
            case WithdrawalWave m: Head(w, Tag.WithdrawalWave, m); w.WriteLong(m.FractionWad); w.WriteNullableLong(m.Asset); break;
            case Reallocation m: Head(w, Tag.Reallocation, m); w.WriteInt(m.Service); w.WriteLong(m.MagnitudeWad); break;
            case VaultLimitChange m: Head(w, Tag.VaultLimitChange, m); w.WriteInt(m.Service); w.WriteNullableLong(m.Operator); w.WriteLong(m.LimitGwei); break;
            case StakerDeposit m: Head(w, Tag.StakerDeposit, m); w.WriteInt(m.Staker); break;
            case StakerWithdrawal m: Head(w, Tag.StakerWithdrawal, m); w.WriteInt(m.Staker); break;
            case PluginFaultRaised m: Head(w, Tag.PluginFaultRaised, m); w.WriteInt(m.Fault); break;
            case RedemptionsHalted m: Head(w, Tag.RedemptionsHalted, m); w.WriteInt(m.Service); w.WriteBool(m.Halted); break;
            case OraclePriceReported m: Head(w, Tag.OraclePriceReported, m); w.WriteInt(m.Service); w.WriteLong(m.PriceWad); break;
            case ServiceTermsChanged m: Head(w, Tag.ServiceTermsChanged, m); w.WriteInt(m.Service); w.WriteLong(m.ValueAtRiskGwei); w.WriteLong(m.AttackThresholdWad); break;
            default: throw new ArgumentException($"no checkpoint form for {message.GetType().Name}", nameof(message));
        }
    }

    /// <summary>What every message starts with: its tag, cause and depth.</summary>
    private static void Head(CheckpointWriter w, Tag tag, CascadeMessage message)
    {
        w.WriteByte((byte)tag);
        w.WriteString(message.Cause);
        w.WriteInt(message.Depth);
    }

    public static CascadeMessage ReadMessage(CheckpointReader r)
    {
        byte tag = r.ReadByte();
        string cause = r.ReadString();
        int depth = r.ReadInt();
        // Arguments are evaluated left to right, i.e. in the order Write wrote the fields.
        return (Tag)tag switch
        {
            Tag.EquivocationProven => AtFaultDepth(depth, new EquivocationProven(r.ReadInt(), cause)),
            Tag.RogueSlashing => AtFaultDepth(depth, new RogueSlashing(r.ReadNullableLong(), cause)),
            Tag.OutageReported => AtFaultDepth(depth, new OutageReported(r.ReadInts(), cause)),
            Tag.BridgeDrained => AtFaultDepth(depth, new BridgeDrained(r.ReadLong(), cause)),
            Tag.MassSlashing => AtFaultDepth(depth, new MassSlashing(r.ReadInts(), r.ReadLong(), r.ReadLong(), cause)),
            Tag.PriceShock => new PriceShock(r.ReadLong(), cause) { Depth = depth },   // a fault's, or a service kind's (deeper)
            Tag.TickDue => AtFaultDepth(depth, new TickDue(cause)),
            Tag.SlashingRequest => new SlashingRequest(r.ReadInt(), r.ReadLong(), ReadReason(r), cause, depth, r.ReadNullableLong(), r.ReadNullableString(),
                ReadIndex(r, "capture tick")),
            Tag.ValidatorPenalty => new ValidatorPenalty(r.ReadString(), r.ReadLong(), cause, depth),
            Tag.OperatorStakeChanged => new OperatorStakeChanged(r.ReadInt(), r.ReadLong(), ReadSecuring(r), ReadPools(r), cause, depth),
            Tag.TokenPriceChanged => new TokenPriceChanged(r.ReadInt(), r.ReadLong(), r.ReadLong(), cause, depth, r.ReadBool() ? r.ReadLongs() : null),
            Tag.AttackLaunched => new AttackLaunched(r.ReadInt(), r.ReadInts(), r.ReadInts(), cause, depth),
            Tag.ServiceCompromised => new ServiceCompromised(r.ReadInt(), cause, depth),
            Tag.BackingDrained => new BackingDrained(r.ReadInt(), r.ReadLong(), cause, depth),
            Tag.ExitWave => AtFaultDepth(depth, new ExitWave(r.ReadLong(), cause)),
            Tag.CollateralSold => new CollateralSold(r.ReadInt(), r.ReadLong(), cause, depth),
            Tag.WithdrawalWave => AtFaultDepth(depth, new WithdrawalWave(r.ReadLong(), ReadAsset(r), cause)),
            Tag.Reallocation => AtFaultDepth(depth, new Reallocation(r.ReadInt(), r.ReadLong(), cause)),
            Tag.VaultLimitChange => AtFaultDepth(depth, new VaultLimitChange(r.ReadInt(), ReadIndex(r, "operator"), r.ReadLong(), cause)),
            Tag.StakerDeposit => AtFaultDepth(depth, new StakerDeposit(r.ReadInt(), cause)),
            Tag.StakerWithdrawal => AtFaultDepth(depth, new StakerWithdrawal(r.ReadInt(), cause)),
            Tag.PluginFaultRaised => AtFaultDepth(depth, new PluginFaultRaised(r.ReadInt(), cause)),
            Tag.RedemptionsHalted => new RedemptionsHalted(r.ReadInt(), r.ReadBool(), cause, depth),
            Tag.OraclePriceReported => new OraclePriceReported(r.ReadInt(), r.ReadLong(), cause, depth),
            Tag.ServiceTermsChanged => new ServiceTermsChanged(r.ReadInt(), r.ReadLong(), r.ReadLong(), cause, depth),
            _ => throw new CheckpointFormatException($"unknown cascade message tag {tag}"),
        };
    }

    /// <summary>Faults and start-of-tick work are depth 0 by their type; any other saved depth means corrupt bytes.</summary>
    private static CascadeMessage AtFaultDepth(int depth, CascadeMessage message) =>
        depth == 0 ? message : throw new CheckpointFormatException($"{message.GetType().Name} saved at depth {depth}");

    private static int? ReadAsset(CheckpointReader r) => ReadIndex(r, "asset");

    /// <summary>A nullable non-negative int saved as a nullable long (an asset, an operator, a tick).</summary>
    private static int? ReadIndex(CheckpointReader r, string what) =>
        r.ReadNullableLong() is { } value ? (value is >= 0 and <= int.MaxValue ? (int)value : throw new CheckpointFormatException($"{what} {value} out of range")) : null;

    private static SlashReason ReadReason(CheckpointReader r)
    {
        int reason = r.ReadInt();
        return Enum.IsDefined((SlashReason)reason) ? (SlashReason)reason : throw new CheckpointFormatException($"unknown slash reason {reason}");
    }

    public static void WriteSecuring(CheckpointWriter w, IReadOnlyList<SecuringStake> securing) =>
        w.WriteAll(securing, edge => { w.WriteInt(edge.Service); w.WriteLong(edge.StakeGwei); });

    public static SecuringStake[] ReadSecuring(CheckpointReader r) => r.ReadAll(12, () => new SecuringStake(r.ReadInt(), r.ReadLong()));

    private static void WritePools(CheckpointWriter w, IReadOnlyList<AssetPool> pools) =>
        w.WriteAll(pools, pool => { w.WriteInt(pool.Asset); w.WriteLong(pool.Shares); w.WriteLong(pool.Deposits); w.WriteLong(pool.Withdrawn); });

    private static AssetPool[] ReadPools(CheckpointReader r) => r.ReadAll(28, () => new AssetPool(r.ReadInt(), r.ReadLong(), r.ReadLong(), r.ReadLong()));
}
