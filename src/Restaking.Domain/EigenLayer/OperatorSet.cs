namespace Restaking.Domain.EigenLayer;

/// <summary>
/// An operator set: the AVS that owns it and its id within that AVS (ELIP-002; AllocationManager.md "Operator Sets").
/// Operators allocate magnitude to operator sets, and only the set's slasher can slash that magnitude.
/// </summary>
public readonly record struct OperatorSet(string Avs, uint Id)
{
    public override string ToString() => $"{Avs}#{Id}";
}
