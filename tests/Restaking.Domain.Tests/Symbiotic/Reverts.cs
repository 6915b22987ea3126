using Restaking.Domain.Symbiotic;

namespace Restaking.Domain.Tests.Symbiotic;

/// <summary>Asserts that a call reverts with the Symbiotic source's custom error.</summary>
internal static class Reverts
{
    public static void With(string error, Action call) =>
        Assert.Equal(error, Assert.Throws<SymbioticRevertException>(call).Error);
}
