using System.Text.Json;
using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Scenarios;

namespace Restaking.Domain.Engine;

/// <summary>
/// Running totals of EigenLayer's withdrawal queue and allocation changes, from the events (values in ETH gwei at the
/// prices the operator knew), and the summary.json block that reports them — written only when the scenario has
/// withdrawal-wave or reallocate faults or listed stakers with ticks of their own, so other scenarios' summaries are unchanged.
/// </summary>
public sealed class EigenLayerFigures
{
    public int WithdrawalsQueued { get; private set; }
    public long QueuedGwei { get; private set; }
    public long SlashedWhileQueuedGwei { get; private set; }
    public int WithdrawalsCompleted { get; private set; }
    public long CompletedGwei { get; private set; }
    public int AllocationsQueued { get; private set; }
    public int AllocationsEffective { get; private set; }
    public int AllocationsRejected { get; private set; }
    /// <summary>Listed stakers' deposits during the run (events <see cref="CascadeEventKind.Deposit"/> at an operator).</summary>
    public int Deposits { get; private set; }
    public long DepositedGwei { get; private set; }
    public int DepositsRejected { get; private set; }

    public void Add(CascadeEvent e)
    {
        switch (e.Kind)
        {
            case CascadeEventKind.WithdrawalQueued: WithdrawalsQueued++; QueuedGwei += e.AmountGwei; break;
            case CascadeEventKind.WithdrawalSlashed: SlashedWhileQueuedGwei += e.AmountGwei; break;
            case CascadeEventKind.WithdrawalCompleted: WithdrawalsCompleted++; CompletedGwei += e.AmountGwei; break;
            case CascadeEventKind.AllocationQueued: AllocationsQueued++; break;
            case CascadeEventKind.AllocationEffective: AllocationsEffective++; break;
            case CascadeEventKind.AllocationRejected: AllocationsRejected++; break;
            case CascadeEventKind.Deposit when e.Target.Kind == EntityKind.Operator: Deposits++; DepositedGwei += e.AmountGwei; break;
            case CascadeEventKind.DepositRejected: DepositsRejected++; break;
        }
    }

    public static bool Applies(Scenario scenario) =>
        scenario.Faults.Any(f => f.Type is FaultType.WithdrawalWave or FaultType.Reallocate) || HasStakerTicks(scenario);

    private static bool HasStakerTicks(Scenario scenario) => scenario.Stakers.Any(s => s.HasOwnTicks);

    /// <summary>"eigenlayer": the delays on the tick clock, the withdrawals (queued, slashed while queued, completed — waves and
    /// listed stakers' own alike), the allocation changes (asked, effective — immediate ones included —, rejected) and, when
    /// listed stakers have ticks of their own, their deposits (made, ETH value, refused).</summary>
    public void Write(Utf8JsonWriter w, Scenario scenario)
    {
        if (!Applies(scenario)) return;
        w.WriteStartObject("eigenlayer");
        w.WriteNumber("withdrawalDelayTicks", EigenLayerTiming.WithdrawalDelayTicks(scenario));
        w.WriteNumber("deallocationDelayTicks", EigenLayerTiming.DeallocationDelayTicks(scenario));
        w.WriteStartObject("withdrawals");
        w.WriteNumber("queued", WithdrawalsQueued);
        w.WriteNumber("queuedGwei", QueuedGwei);
        w.WriteNumber("slashedWhileQueuedGwei", SlashedWhileQueuedGwei);
        w.WriteNumber("completed", WithdrawalsCompleted);
        w.WriteNumber("completedGwei", CompletedGwei);
        w.WriteEndObject();
        w.WriteStartObject("allocationChanges");
        w.WriteNumber("queued", AllocationsQueued);
        w.WriteNumber("effective", AllocationsEffective);
        w.WriteNumber("rejected", AllocationsRejected);
        w.WriteEndObject();
        if (HasStakerTicks(scenario))
        {
            w.WriteStartObject("deposits");
            w.WriteNumber("count", Deposits);
            w.WriteNumber("depositedGwei", DepositedGwei);
            w.WriteNumber("rejected", DepositsRejected);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    public void SaveState(CheckpointWriter writer)
    {
        writer.WriteInts([WithdrawalsQueued, WithdrawalsCompleted, AllocationsQueued, AllocationsEffective, AllocationsRejected, Deposits, DepositsRejected]);
        writer.WriteLongs([QueuedGwei, SlashedWhileQueuedGwei, CompletedGwei, DepositedGwei]);
    }

    public void RestoreState(CheckpointReader reader)
    {
        var counts = reader.ReadInts();
        var amounts = reader.ReadLongs();
        CheckpointReader.RequireCount(counts.Length, 7, "EigenLayer counts");
        CheckpointReader.RequireCount(amounts.Length, 4, "EigenLayer amounts");
        (WithdrawalsQueued, WithdrawalsCompleted, AllocationsQueued, AllocationsEffective, AllocationsRejected, Deposits, DepositsRejected) =
            (counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6]);
        (QueuedGwei, SlashedWhileQueuedGwei, CompletedGwei, DepositedGwei) = (amounts[0], amounts[1], amounts[2], amounts[3]);
    }
}
