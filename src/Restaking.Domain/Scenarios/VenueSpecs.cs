namespace Restaking.Domain.Scenarios;

/// <summary>
/// One trading venue of a token's market: a constant-product pool of <see cref="PoolTokensGwei"/> tokens against
/// <see cref="PoolEthGwei"/> ETH with a fee, on a <see cref="Chain"/>. Aggregators route a seller only across the venues of
/// one chain (the market's home chain, the first venue's); venues on other chains follow through arbitrage capital
/// (our model, docs/models/tokens-and-lending.md, "Markets and lending"). JSON: <c>{ "id": "balancer", "chain": "ethereum", "poolEth": 4000,
/// "poolTokens": 4000, "feeBps": 4 }</c>.
/// </summary>
public sealed record VenueSpec(string Id, string Chain, long PoolTokensGwei, long PoolEthGwei, long FeeBps)
{
    /// <summary>The chain of a venue that names none.</summary>
    public const string DefaultChain = "home";
}

/// <summary>
/// How a lending market's liquidators dispose of the collateral they seize (our model, docs/models/tokens-and-lending.md, "Markets and lending"):
/// they carry up to <see cref="MaxInventoryEthGwei"/> (ETH at NAV) and sell it only while the price is at least
/// <see cref="HoldBelowWad"/> × NAV; what exceeds the inventory is sold at once, at any price, as a flash-loan liquidator
/// must within its transaction. JSON: <c>"liquidators": { "maxInventoryEth": 12000, "holdBelow": 0.99 }</c>. Without it
/// liquidators carry nothing: every seizure is sold at once.
/// </summary>
public sealed record LiquidatorSpec(long MaxInventoryEthGwei, long HoldBelowWad);
