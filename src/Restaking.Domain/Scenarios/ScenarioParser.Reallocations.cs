using System.Text.Json;
using Restaking.Domain.Units;

namespace Restaking.Domain.Scenarios;

/// <summary>
/// Reallocate faults beyond one fault: the operator–service edges they open (an equivocation may name one), and magnitudes
/// that can never fit beside the operator's other allocations.
/// </summary>
internal sealed partial class ScenarioParser
{
    /// <summary>
    /// (listed operator, service) → the earliest tick a reallocate allocates the operator to a service it has no allocation for
    /// at tick 0: from then on the operator is registered for that operator set (<see cref="ReallocationEdges"/>). Read leniently
    /// before the faults are walked, so the order of the list does not matter; the walk reports malformed faults.
    /// </summary>
    private Dictionary<(string Operator, string Service), int> EdgesOpenedByReallocations(IReadOnlyList<(JsonElement Item, string Path)> faults)
    {
        static string? Text(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        var opened = new Dictionary<(string, string), int>();
        foreach (var (item, _) in faults)
        {
            if (item.ValueKind != JsonValueKind.Object || Text(item, "type") != ScenarioJsonNames.Of(FaultType.Reallocate)) continue;
            if (Text(item, "operator") is not { } op || Text(item, "service") is not { } service) continue;
            // TryGetInt32 throws on a non-number; the walk reports such a tick at its path.
            if (!item.TryGetProperty("tick", out var t) || t.ValueKind != JsonValueKind.Number || !ScenarioValueReader.TryGetInteger(t, out long wide) || wide is < int.MinValue or > int.MaxValue) continue;
            int tick = (int)wide;
            if (!index.Operators.TryGetValue(op, out var allocated) || allocated.Contains(service)) continue;
            opened[(op, service)] = opened.TryGetValue((op, service), out int first) ? Math.Min(first, tick) : tick;
        }
        return opened;
    }

    /// <summary>
    /// A reallocate whose magnitude cannot fit beside what the operator's other allocations still hold at its tick, whatever
    /// happens before it, would always revert (AllocationManager.modifyAllocations: InsufficientMagnitude, encumbered ≤ max).
    /// The least another allocation holds is its magnitude at tick 0 or the smallest one an earlier reallocate asks for it
    /// (a decrease frees magnitude only after the deallocation delay, and increases only encumber more). Slashes do not help:
    /// slashOperator takes from the max magnitude exactly what it takes from an allocation, and shrinks a pending decrease.
    /// </summary>
    private void CheckReallocationMagnitudes(IReadOnlyList<(FaultSpec Fault, string Path)> faults, IReadOnlyList<OperatorSpec> operators)
    {
        var reallocations = faults.Where(f => f.Fault.Type == FaultType.Reallocate).ToList();
        if (reallocations.Count == 0) return;
        var allocationsOf = operators.ToDictionary(o => o.Id, o => o.Allocations, StringComparer.Ordinal);
        foreach (var (fault, path) in reallocations)
        {
            if (!allocationsOf.TryGetValue(fault.Operator!, out var allocations)) continue;   // a generated operator: already an error
            Int128 kept = 0;
            foreach (var other in allocations)
            {
                if (other.Service == fault.Service) continue;
                long least = other.MagnitudeWad;
                foreach (var (earlier, _) in reallocations)
                    if (earlier.Tick < fault.Tick && earlier.Operator == fault.Operator && earlier.Service == other.Service)
                        least = Math.Min(least, earlier.MagnitudeWad!.Value);
                kept += least;
            }
            Int128 total = kept + fault.MagnitudeWad!.Value;
            if (total <= Wad.One) continue;
            sink.Add(JsonPathText.Property(path, "magnitude"), ScenarioRule.AllocationSum,
                $"operator '{fault.Operator}' still holds at least {Wad.ToDecimalString((long)kept)} of its max magnitude on its other services at tick {fault.Tick} "
                + $"(a decrease frees magnitude only after the deallocation delay), so {Wad.ToDecimalString(fault.MagnitudeWad.Value)} for '{fault.Service}' "
                + $"adds up to {Wad.ToDecimalString((long)total)}, more than 1: modifyAllocations would revert (InsufficientMagnitude)");
        }
    }
}
