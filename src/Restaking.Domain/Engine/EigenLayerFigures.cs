using System.Text.Json;
using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Scenarios;

namespace Restaking.Domain.Engine;

/// <summary>
/// Running totals of EigenLayer's withdrawal queue and allocation changes, from the events (values in ETH gwei at the
/// prices the operator knew), and the summary.json block that reports them — written only when the scenario has
/// withdrawal-wave or reallocate faults, so other scenarios' summaries are unchanged.
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
        }
    }

    public static bool Applies(Scenario scenario) => scenario.Faults.Any(f => f.Type is FaultType.WithdrawalWave or FaultType.Reallocate);

    /// <summary>"eigenlayer": the delays on the tick clock, the withdrawals (queued, slashed while queued, completed) and the
    /// allocation changes (asked, effective — immediate ones included —, rejected).</summary>
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
        w.WriteEndObject();
    }

    public void SaveState(CheckpointWriter writer)
    {
        writer.WriteInts([WithdrawalsQueued, WithdrawalsCompleted, AllocationsQueued, AllocationsEffective, AllocationsRejected]);
        writer.WriteLongs([QueuedGwei, SlashedWhileQueuedGwei, CompletedGwei]);
    }

    public void RestoreState(CheckpointReader reader)
    {
        var counts = reader.ReadInts();
        var amounts = reader.ReadLongs();
        CheckpointReader.RequireCount(counts.Length, 5, "EigenLayer counts");
        CheckpointReader.RequireCount(amounts.Length, 3, "EigenLayer amounts");
        (WithdrawalsQueued, WithdrawalsCompleted, AllocationsQueued, AllocationsEffective, AllocationsRejected) = (counts[0], counts[1], counts[2], counts[3], counts[4]);
        (QueuedGwei, SlashedWhileQueuedGwei, CompletedGwei) = (amounts[0], amounts[1], amounts[2]);
    }
}
