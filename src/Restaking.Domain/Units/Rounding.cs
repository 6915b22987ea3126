namespace Restaking.Domain.Units;

/// <summary>Which way an integer division goes. Protocols pick a direction on purpose
/// (EigenLayer rounds slashed magnitude up and remaining shares up, so the slasher never gets less than asked).</summary>
public enum Rounding
{
    Down,
    Up,
}
