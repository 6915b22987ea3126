namespace Restaking.Domain.Markets;

/// <summary>
/// What a seller sees of a market: the price the next token sells at (before the fee) and how many tokens it takes to
/// push that price down to a target. One pool, or the venues an aggregator routes across (<see cref="VenueBook"/>).
/// </summary>
public interface IMarketDepth
{
    /// <summary>ETH per token as a WAD.</summary>
    long SpotPriceWad { get; }

    /// <summary>The smallest sale that leaves the price at or below <paramref name="targetPriceWad"/> (0 when it already is).</summary>
    long TokenInForPrice(long targetPriceWad);
}
