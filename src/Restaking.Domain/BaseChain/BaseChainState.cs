using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Units;

namespace Restaking.Domain.BaseChain;

/// <summary>
/// The consensus layer as far as restaking cares: groups of validators owned by operators (native restaking) or LSTs,
/// the slashings vector, and correlation penalties waiting for their epoch. A mass slashing takes the Electra initial
/// penalty at once and schedules the correlation penalty 4096 epochs (~18.2 days) later, sized by everything slashed
/// within the 8192-epoch window around it (consensus-specs Electra <c>process_slashings</c>).
/// </summary>
public sealed class BaseChainState : ICascadeParticipant
{
    private readonly ValidatorGroup[] groups;
    private readonly List<(long Epoch, long AmountGwei)> slashings = [];
    private readonly List<PendingCorrelationPenalty> pending = [];

    public BaseChainState(long totalActiveBalanceGwei, int tickSeconds, IEnumerable<ValidatorGroup> groups)
    {
        TotalActiveBalanceGwei = totalActiveBalanceGwei;
        TickSeconds = tickSeconds;
        this.groups = groups.ToArray();
    }

    public long TotalActiveBalanceGwei { get; }
    public int TickSeconds { get; }
    public IReadOnlyList<ValidatorGroup> Groups => groups;
    public int PendingPenalties => pending.Count;

    public long EpochOf(int tick) => (long)tick * TickSeconds / ElectraSlashing.SecondsPerEpoch;

    /// <summary>The first tick whose epoch has reached <paramref name="epoch"/>.</summary>
    public int TickOf(long epoch) => (int)Math.Min(int.MaxValue, (epoch * ElectraSlashing.SecondsPerEpoch + TickSeconds - 1) / TickSeconds);

    public bool HasPenaltiesDue(int tick) => NextPenaltyDueTick <= tick;

    /// <summary>The tick the earliest pending correlation penalty falls due (<see cref="int.MaxValue"/>: none pending). The
    /// schedule wakes the base chain then (<see cref="Engine.TickSchedule"/>).</summary>
    public int NextPenaltyDueTick => pending.Count == 0 ? int.MaxValue : pending.Min(p => p.DueTick);

    public void Handle(IReadOnlyList<Envelope> inbox, CascadeContext context)
    {
        foreach (var envelope in inbox)
        {
            switch (envelope.Message)
            {
                case MassSlashing m:
                    Slash(m, context);
                    break;
                case TickDue:
                    ApplyCorrelationPenalties(context);
                    break;
                default:
                    throw new InvalidOperationException($"base chain cannot handle {envelope.Message.GetType().Name}");
            }
        }
    }

    public string CheckpointKind => "base-chain";
    public string CheckpointId => "base-chain";

    /// <summary>Validators slashed per group, the slashings vector so far and the correlation penalties still to come
    /// (in the order they were scheduled, which is the order they are sent in).</summary>
    public void SaveState(CheckpointWriter writer)
    {
        writer.WriteInts(groups.Select(g => g.Slashed).ToArray());
        writer.WriteAll(slashings, s => { writer.WriteLong(s.Epoch); writer.WriteLong(s.AmountGwei); });
        writer.WriteAll(pending, p =>
        {
            writer.WriteInt(p.Group);
            writer.WriteInt(p.Count);
            writer.WriteLong(p.DueEpoch);
            writer.WriteInt(p.DueTick);
            writer.WriteString(p.Cause);
        });
    }

    public void RestoreState(CheckpointReader reader)
    {
        var slashed = reader.ReadInts();
        CheckpointReader.RequireCount(slashed.Length, groups.Length, "validator groups");
        for (int g = 0; g < groups.Length; g++) groups[g] = groups[g] with { Slashed = slashed[g] };
        var vector = reader.ReadAll(16, () => (reader.ReadLong(), reader.ReadLong()));
        var due = reader.ReadAll(24, () => new PendingCorrelationPenalty(reader.ReadInt(), reader.ReadInt(), reader.ReadLong(), reader.ReadInt(), reader.ReadString()));
        if (due.FirstOrDefault(p => (uint)p.Group >= (uint)groups.Length) is { } stray)
            throw new CheckpointFormatException($"pending penalty for validator group {stray.Group} of {groups.Length}");
        slashings.Clear();
        slashings.AddRange(vector);
        pending.Clear();
        pending.AddRange(due);
    }

    private void Slash(MassSlashing m, CascadeContext context)
    {
        long epoch = EpochOf(context.Tick);
        IEnumerable<int> targets = m.Groups.Count == 0 ? Enumerable.Range(0, groups.Length) : m.Groups;
        foreach (int g in targets)
        {
            var group = groups[g];
            int count = (int)Wad.Mul(group.Count - group.Slashed, m.FractionWad, Rounding.Down);
            if (count == 0) continue;
            groups[g] = group with { Slashed = group.Slashed + count };
            slashings.Add((epoch, count * group.EffectiveBalanceGwei));
            long initial = count * ElectraSlashing.InitialPenalty(group.EffectiveBalanceGwei);
            context.Send(group.Owner, new ValidatorPenalty(group.Id, initial, m.Cause, m.Depth + 1));
            // slash_validator also issues the whistleblower reward (new ETH, not taken from the owner): recorded, not paid to anyone modelled.
            long proposer = count * ElectraSlashing.ProposerReward(group.EffectiveBalanceGwei);
            context.Record(CascadeEventKind.WhistleblowerReward, EntityRef.BaseChain, group.Owner,
                count * ElectraSlashing.WhistleblowerReward(group.EffectiveBalanceGwei), SlashReason.BaseChain, m.Cause, m.Depth,
                $"validator_group={group.Id};validators={count};proposer_gwei={proposer}");
            long dueEpoch = epoch + ElectraSlashing.CorrelationPenaltyDelayEpochs;
            pending.Add(new PendingCorrelationPenalty(g, count, dueEpoch, TickOf(dueEpoch), m.Cause));
        }
        if (m.OtherSlashedGwei > 0) slashings.Add((epoch, m.OtherSlashedGwei));
    }

    private void ApplyCorrelationPenalties(CascadeContext context)
    {
        foreach (var due in pending.Where(p => p.DueTick <= context.Tick).ToList())
        {
            pending.Remove(due);
            var group = groups[due.Group];
            // Σ state.slashings at the due epoch: slashings within the last EPOCHS_PER_SLASHINGS_VECTOR epochs.
            long inWindow = slashings.Where(s => s.Epoch > due.DueEpoch - ElectraSlashing.EpochsPerSlashingsVector && s.Epoch <= due.DueEpoch)
                .Sum(s => s.AmountGwei);
            long perValidator = ElectraSlashing.CorrelationPenalty(inWindow, TotalActiveBalanceGwei, group.EffectiveBalanceGwei);
            // decrease_balance floors at zero: a validator cannot lose more than it still has.
            long left = group.EffectiveBalanceGwei - ElectraSlashing.InitialPenalty(group.EffectiveBalanceGwei);
            long total = due.Count * Math.Min(perValidator, left);
            if (total > 0) context.Send(group.Owner, new ValidatorPenalty(group.Id, total, due.Cause, 1));
        }
    }

    private sealed record PendingCorrelationPenalty(int Group, int Count, long DueEpoch, int DueTick, string Cause);
}

/// <summary>Identical validators run for one owner (an operator's native stake or an LST).</summary>
public sealed record ValidatorGroup(string Id, EntityRef Owner, int Count, long EffectiveBalanceGwei, int Slashed = 0);
