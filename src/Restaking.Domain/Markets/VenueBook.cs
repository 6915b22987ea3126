using System.Numerics;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Markets;

/// <summary>
/// The venues a token trades on (our model, docs/models/tokens-and-lending.md, "Markets and lending"): constant-product pools, each on a chain. The
/// market's home chain is the first venue's: holders, shocks and liquidators sell there, through an aggregator that splits
/// each order across the home venues (<see cref="VenueRouting.SplitSale"/>) — bridging to another chain first takes minutes
/// to days, which a panicking seller or an atomic liquidator does not wait for. Arbitrage capital reaches every venue:
/// NAV arbitrage buys the cheapest venues anywhere and venue arbitrage carries tokens from cheap venues to dear ones.
/// The market price is the venues' spot prices weighted by the ETH each holds — a liquidity-weighted reading of what the
/// reports of 2024-04-24 say lenders' oracles did ("averages prices across various markets", hence "a much smaller
/// depeg" than Uniswap's); with one venue it is that pool's spot price.
/// </summary>
public sealed class VenueBook : IMarketDepth
{
    private readonly string[] ids;
    private readonly string[] chains;
    private readonly int[] home;
    private ConstantProductPool[] pools;

    public VenueBook(IReadOnlyList<VenueSpec> venues)
    {
        if (venues.Count == 0) throw new ArgumentException("a market has at least one venue", nameof(venues));
        ids = venues.Select(v => v.Id).ToArray();
        chains = venues.Select(v => v.Chain).ToArray();
        pools = venues.Select(v => new ConstantProductPool(v.PoolTokensGwei, v.PoolEthGwei, v.FeeBps)).ToArray();
        home = Enumerable.Range(0, venues.Count).Where(i => chains[i] == chains[0]).ToArray();
    }

    public int Count => pools.Length;

    public string Id(int venue) => ids[venue];

    public string Chain(int venue) => chains[venue];

    public ConstantProductPool Pool(int venue) => pools[venue];

    /// <summary>The market price: Σ ETH_i · spot_i / Σ ETH_i, rounded down (exactly the pool's spot with one venue).</summary>
    public long PriceWad
    {
        get
        {
            if (pools.Length == 1) return pools[0].SpotPriceWad;
            BigInteger weighted = 0, eth = 0;
            foreach (var pool in pools)
            {
                weighted += (BigInteger)pool.EthReserve * pool.SpotPriceWad;
                eth += pool.EthReserve;
            }
            return (long)(weighted / eth);
        }
    }

    /// <summary>Each venue's spot price, in venue order.</summary>
    public long[] Prices()
    {
        var prices = new long[pools.Length];
        for (int i = 0; i < pools.Length; i++) prices[i] = pools[i].SpotPriceWad;
        return prices;
    }

    /// <summary>What a home-chain seller sees first: the best home venue's spot price.</summary>
    public long SpotPriceWad
    {
        get
        {
            long best = 0;
            foreach (int i in home) best = Math.Max(best, pools[i].SpotPriceWad);
            return best;
        }
    }

    /// <summary>Tokens the home venues together take before every one of them is at or below the target.</summary>
    public long TokenInForPrice(long targetPriceWad) =>
        home.Length == 1 ? pools[home[0]].TokenInForPrice(targetPriceWad) : VenueRouting.TokensDown(HomePools(), targetPriceWad);

    /// <summary>Sells <paramref name="tokens"/> across the home venues (aggregator split); returns the ETH paid out.</summary>
    public long Sell(long tokens)
    {
        if (tokens <= 0) return 0;
        if (home.Length == 1) return pools[home[0]].SellToken(tokens);
        var split = VenueRouting.SplitSale(HomePools(), tokens);
        long eth = 0;
        for (int k = 0; k < home.Length; k++)
            if (split[k] > 0) eth += pools[home[k]].SellToken(split[k]);
        return eth;
    }

    /// <summary>Sells at most <paramref name="tokens"/>, no further than the home price <paramref name="floorPriceWad"/>;
    /// returns the tokens sold and the ETH paid out.</summary>
    public (long Tokens, long Eth) SellDownTo(long tokens, long floorPriceWad)
    {
        if (tokens <= 0 || SpotPriceWad <= floorPriceWad) return (0, 0);
        long sold = Math.Min(tokens, TokenInForPrice(floorPriceWad));
        return (sold, Sell(sold));
    }

    /// <summary>A seller who pushes every home venue's price down by <paramref name="fractionWad"/> (a price shock);
    /// returns the tokens sold.</summary>
    public long Shock(long fractionWad)
    {
        long sold = 0;
        foreach (int i in home)
        {
            var pool = pools[i];
            long tokens = pool.TokenInForPrice(Math.Max(1, Wad.Mul(pool.SpotPriceWad, Wad.One - fractionWad, Rounding.Down)));
            if (tokens > 0) pool.SellToken(tokens);
            sold += tokens;
        }
        return sold;
    }

    /// <summary>Buys with at most <paramref name="ethBudget"/>, cheapest venues first on every chain, up to
    /// <paramref name="targetPriceWad"/> (<see cref="VenueRouting.SplitPurchase"/>); returns the ETH spent and tokens bought.</summary>
    public (long Eth, long Tokens) BuyUpTo(long ethBudget, long targetPriceWad)
    {
        var split = VenueRouting.SplitPurchase(pools, ethBudget, targetPriceWad);
        long eth = 0, tokens = 0;
        for (int i = 0; i < pools.Length; i++)
        {
            if (split[i] <= 0) continue;
            tokens += pools[i].BuyToken(split[i]);
            eth += split[i];
        }
        return (eth, tokens);
    }

    /// <summary>
    /// Venue arbitrage with at most <paramref name="ethBudget"/> this tick: repeatedly buy on the cheapest venue and sell on
    /// the dearest while that pays (<see cref="VenueRouting.ArbitrageEth"/>), at most 4 × venues legs. Returns the ETH spent.
    /// </summary>
    /// <summary>Whether <see cref="Arbitrage"/> with <paramref name="ethBudget"/> would trade now (its first leg pays).</summary>
    public bool ArbitragePays(long ethBudget)
    {
        int cheap = 0, dear = 0;
        for (int i = 1; i < pools.Length; i++)
        {
            if (pools[i].SpotPriceWad < pools[cheap].SpotPriceWad) cheap = i;
            if (pools[i].SpotPriceWad > pools[dear].SpotPriceWad) dear = i;
        }
        return cheap != dear && ethBudget > 0 && VenueRouting.ArbitrageEth(pools[cheap], pools[dear], ethBudget) != 0;
    }

    public long Arbitrage(long ethBudget)
    {
        long spent = 0;
        for (int leg = 0; leg < 4 * pools.Length && spent < ethBudget; leg++)
        {
            int cheap = 0, dear = 0;
            for (int i = 1; i < pools.Length; i++)
            {
                if (pools[i].SpotPriceWad < pools[cheap].SpotPriceWad) cheap = i;
                if (pools[i].SpotPriceWad > pools[dear].SpotPriceWad) dear = i;
            }
            if (cheap == dear) break;
            long eth = VenueRouting.ArbitrageEth(pools[cheap], pools[dear], ethBudget - spent);
            if (eth == 0) break;
            pools[dear].SellToken(pools[cheap].BuyToken(eth));
            spent += eth;
        }
        return spent;
    }

    /// <summary>Every venue's reserves and fee, in venue order.</summary>
    public void Save(CheckpointWriter writer) => writer.WriteAll(pools, pool => writer.WriteLongs(pool.Save()));

    public void Restore(CheckpointReader reader)
    {
        var saved = reader.ReadAll(4, () => ConstantProductPool.Restore(reader.ReadLongs()));
        CheckpointReader.RequireCount(saved.Length, pools.Length, "venues");
        pools = saved;
    }

    private ConstantProductPool[] HomePools() => home.Length == pools.Length ? pools : home.Select(i => pools[i]).ToArray();
}
