namespace Restaking.Domain.Scenarios;

/// <summary>
/// The operator–service edges that reallocate faults open during a run, laid down when the world is expanded.
/// <para>In EigenLayer an operator may allocate to an operator set it has no allocation for (AllocationManager.modifyAllocations)
/// and register for it (registerForOperatorSets); the AVS can slash it only once it is registered and the allocation's current
/// magnitude is nonzero, i.e. after the operator's ALLOCATION_DELAY (eigenlayer-contracts docs/core/AllocationManager.md,
/// "Evaluating Whether an Allocation is Slashable"; ELIP-002). So every edge a reallocate can open is given to its operator at
/// tick 0 with a zero allocation: the service, its operator and the listeners are wired from the start, and the edge is in the
/// security graph — securing, slashable, paid, seen by the adversary — exactly while its slashable magnitude is nonzero. No
/// routing changes mid-run, on either engine. A deallocation to zero closes the edge the same way, once its delay is over.</para>
/// </summary>
public static class ReallocationEdges
{
    /// <summary>
    /// Adds to each operator's services (sorted by index) every service a reallocate fault names that it does not allocate
    /// to, with a zero magnitude. Only under unique stake: the other models reject reallocate faults (FaultModelRules), and a
    /// zero allocation there would still be an edge (pooled restake slashes the whole stake whatever the magnitudes).
    /// </summary>
    public static void Add(Scenario scenario, IReadOnlyDictionary<string, int> serviceIndex, IReadOnlyDictionary<string, int> operatorIndex,
        int[][] operatorServices, long[][] operatorAllocations)
    {
        if (scenario.SecurityModel != SecurityModel.UniqueStake) return;
        foreach (var fault in scenario.Faults)
        {
            if (fault.Type != FaultType.Reallocate) continue;
            int v = operatorIndex[fault.Operator!], s = serviceIndex[fault.Service!];
            int slot = Array.BinarySearch(operatorServices[v], s);
            if (slot >= 0) continue;
            slot = ~slot;
            operatorServices[v] = [.. operatorServices[v][..slot], s, .. operatorServices[v][slot..]];
            operatorAllocations[v] = [.. operatorAllocations[v][..slot], 0, .. operatorAllocations[v][slot..]];
        }
    }
}
