using System.Numerics;

namespace Restaking.Domain.Rewards;

/// <summary>Signed integer division rounded toward −∞ (C# truncates toward zero): a loss is never shown smaller than it is.</summary>
internal static class FloorDivision
{
    public static BigInteger Of(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.Sign <= 0) throw new DivideByZeroException("the divisor must be positive");
        var q = BigInteger.DivRem(numerator, denominator, out var rem);
        return rem.Sign < 0 ? q - 1 : q;
    }
}
