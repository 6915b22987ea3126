namespace Restaking.Domain.Units;

/// <summary>
/// ETH amounts are counted in gwei (1 ETH = 1e9 gwei) in a <see cref="long"/>: all ETH ever issued (~1.2e17 gwei)
/// fits with room to spare, and the consensus layer itself accounts in gwei (ethereum/consensus-specs, Gwei type).
/// Liquid tokens use the same 9-decimal unit, so "gwei of stETH" reads like "gwei of ETH".
/// </summary>
public static class Gwei
{
    public const long PerEth = 1_000_000_000L;

    public static long FromEth(long eth) => checked(eth * PerEth);

    /// <summary>Exact conversion of a decimal ETH amount; more than 9 decimals is not representable and throws.</summary>
    public static long FromEth(decimal eth)
    {
        var gwei = eth * PerEth;
        if (gwei != decimal.Truncate(gwei))
            throw new ArgumentException($"{eth} ETH has more than 9 decimals (finer than 1 gwei)", nameof(eth));
        return checked((long)gwei);
    }

    public static bool TryFromEth(decimal eth, out long gwei)
    {
        gwei = 0;
        var scaled = eth * PerEth;
        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue || scaled < long.MinValue) return false;
        gwei = (long)scaled;
        return true;
    }

    /// <summary>Formats gwei as ETH with up to 9 decimals, invariant culture, no trailing zeros.</summary>
    public static string ToEthString(long gwei) =>
        ((decimal)gwei / PerEth).ToString("0.#########", System.Globalization.CultureInfo.InvariantCulture);
}
