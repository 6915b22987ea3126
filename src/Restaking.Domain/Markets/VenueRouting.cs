using System.Numerics;

namespace Restaking.Domain.Markets;

/// <summary>
/// How an order is split across constant-product venues, exactly, in integers (our model of a DEX aggregator such as
/// 1inch or CoW: the split that leaves every venue used at the same marginal price, which for a sale is the split that
/// pays the most). The marginal price of a pool is its spot price y / x; fees are left out of the split (a few bps,
/// far below a depeg's discounts) and charged by each pool as it trades. Nothing here trades: the callers do.
/// </summary>
public static class VenueRouting
{
    /// <summary>
    /// The water level of a sale of <paramref name="tokens"/>: the highest price p with Σ TokenInForPrice_i(p) ≥ tokens,
    /// found by bisection (the sum only falls as p rises). Each venue then gets what brings it to p + 1 (in total less
    /// than the order), and the rest, in venue order, up to what brings it to p — so every venue that trades ends with
    /// its spot in [p, p + 1] WAD units and the order is filled to the gwei. One venue takes the whole order.
    /// </summary>
    public static long[] SplitSale(IReadOnlyList<ConstantProductPool> pools, long tokens)
    {
        if (tokens < 0) throw new ArgumentOutOfRangeException(nameof(tokens), "a sale is non-negative");
        var split = new long[pools.Count];
        if (tokens == 0 || pools.Count == 0) return split;
        if (pools.Count == 1) { split[0] = tokens; return split; }

        // Bounds: at the top no venue needs anything; one below the lowest price any single venue would reach with the
        // whole order, that venue alone needs more than the order.
        long high = 0, low = long.MaxValue;
        foreach (var pool in pools)
        {
            high = Math.Max(high, pool.SpotPriceWad);
            low = Math.Min(low, pool.SpotPriceAfterSellWad(tokens));
        }
        low = Math.Max(1, low - 1);
        if (TokensDown(pools, low) < tokens)
        {
            // Only when the order drives prices to the last WAD unit: fill what each venue takes to 1, the rest in the first.
            for (int i = 0; i < pools.Count; i++) split[i] = TokensToPrice(pools[i], 1);
            split[0] = checked(split[0] + tokens - split.Sum());
            return split;
        }
        while (high - low > 1)
        {
            long mid = low + (high - low) / 2;
            if (TokensDown(pools, mid) >= tokens) low = mid;
            else high = mid;
        }

        long left = tokens;
        for (int i = 0; i < pools.Count; i++)
        {
            split[i] = TokensToPrice(pools[i], high);
            left -= split[i];
        }
        for (int i = 0; i < pools.Count && left > 0; i++)
        {
            long more = Math.Min(left, TokensToPrice(pools[i], low) - split[i]);
            split[i] += more;
            left -= more;
        }
        return split;
    }

    /// <summary>Tokens all venues together take to fall to <paramref name="priceWad"/>, saturating at <see cref="long.MaxValue"/>.</summary>
    public static long TokensDown(IReadOnlyList<ConstantProductPool> pools, long priceWad)
    {
        Int128 total = 0;
        foreach (var pool in pools) total += TokensToPrice(pool, priceWad);
        return total > long.MaxValue ? long.MaxValue : (long)total;
    }

    /// <summary>
    /// A purchase with at most <paramref name="ethBudget"/> that lifts the cheapest venues first, up to
    /// <paramref name="targetPriceWad"/> (arbitrage buying a discount): every venue below the target gets what lifts it to
    /// the common level q, the highest q ≤ target whose total fits the budget (bisection; the total only grows with q).
    /// ETH per venue; what does not reach the next WAD unit of level stays unspent. One venue spends min(budget, what
    /// lifts it to the target).
    /// </summary>
    public static long[] SplitPurchase(IReadOnlyList<ConstantProductPool> pools, long ethBudget, long targetPriceWad)
    {
        if (ethBudget < 0) throw new ArgumentOutOfRangeException(nameof(ethBudget), "a budget is non-negative");
        var split = new long[pools.Count];
        if (ethBudget == 0 || pools.Count == 0) return split;
        if (pools.Count == 1)
        {
            split[0] = Math.Min(ethBudget, pools[0].EthInForPrice(targetPriceWad));
            return split;
        }
        long level = targetPriceWad;
        if (EthUp(pools, targetPriceWad) > ethBudget)
        {
            long low = pools.Min(p => p.SpotPriceWad), high = targetPriceWad;   // EthUp(low) = 0 ≤ budget < EthUp(high)
            while (high - low > 1)
            {
                long mid = low + (high - low) / 2;
                if (EthUp(pools, mid) <= ethBudget) low = mid;
                else high = mid;
            }
            level = low;
        }
        for (int i = 0; i < pools.Count; i++) split[i] = pools[i].EthInForPrice(level);
        return split;
    }

    /// <summary>
    /// Arbitrage between two venues with at most <paramref name="ethBudget"/>: buy on <paramref name="cheap"/>, sell what it
    /// pays out on <paramref name="dear"/>, as long as the last unit still pays — after the trade the dear venue's spot net
    /// of its fee is at least the cheap one's gross of its fee: p_dear·(1 − f_dear) ≥ p_cheap / (1 − f_cheap). The largest
    /// such ETH in (bisection: the condition only fails further as the trade grows), and only if the whole round trip
    /// returns more ETH than it spent; else 0.
    /// </summary>
    public static long ArbitrageEth(ConstantProductPool cheap, ConstantProductPool dear, long ethBudget)
    {
        if (ethBudget <= 0 || !StillPays(cheap, dear, 0)) return 0;
        long eth;
        if (StillPays(cheap, dear, ethBudget)) eth = ethBudget;
        else
        {
            long low = 0, high = ethBudget;
            while (high - low > 1)
            {
                long mid = low + (high - low) / 2;
                if (StillPays(cheap, dear, mid)) low = mid;
                else high = mid;
            }
            eth = low;
        }
        return eth > 0 && dear.QuoteSellToken(cheap.QuoteBuyToken(eth)) > eth ? eth : 0;
    }

    /// <summary>After buying with <paramref name="eth"/> on cheap and selling the tokens on dear, does the next unit still pay?
    /// Exactly: (y_d − out)·(x_c − t)·(1 − f_d)·(1 − f_c) ≥ (y_c + eth)·(x_d + t), with fees as (10,000 − bps) / 10,000.</summary>
    private static bool StillPays(ConstantProductPool cheap, ConstantProductPool dear, long eth)
    {
        long tokens = cheap.QuoteBuyToken(eth);
        long ethOut = dear.QuoteSellToken(tokens);
        var dearSide = (BigInteger)(dear.EthReserve - ethOut) * (cheap.TokenReserve - tokens)
            * (ConstantProductPool.BasisPoints - dear.FeeBps) * (ConstantProductPool.BasisPoints - cheap.FeeBps);
        var cheapSide = (BigInteger)(cheap.EthReserve + eth) * (dear.TokenReserve + (BigInteger)tokens)
            * ConstantProductPool.BasisPoints * ConstantProductPool.BasisPoints;
        return dearSide >= cheapSide;
    }

    private static long EthUp(IReadOnlyList<ConstantProductPool> pools, long priceWad)
    {
        Int128 total = 0;
        foreach (var pool in pools) total += pool.EthInForPrice(priceWad);
        return total > long.MaxValue ? long.MaxValue : (long)total;
    }

    /// <summary><see cref="ConstantProductPool.TokenInForPrice"/>, saturating where the answer no longer fits a long.</summary>
    private static long TokensToPrice(ConstantProductPool pool, long priceWad)
    {
        try { return pool.TokenInForPrice(priceWad); }
        catch (OverflowException) { return long.MaxValue; }
    }
}
