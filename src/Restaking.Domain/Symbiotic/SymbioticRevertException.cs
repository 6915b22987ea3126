namespace Restaking.Domain.Symbiotic;

/// <summary>
/// A call the Symbiotic contracts would revert. <see cref="Error"/> is the source's custom error name
/// (e.g. <c>InvalidCaptureEpoch</c> in Vault.onSlash, <c>VetoPeriodEnded</c> in VetoSlasher.vetoSlash),
/// so a test can say which rule refused the call.
/// </summary>
public sealed class SymbioticRevertException(string error)
    : InvalidOperationException($"Symbiotic revert: {error}")
{
    public string Error { get; } = error;
}
