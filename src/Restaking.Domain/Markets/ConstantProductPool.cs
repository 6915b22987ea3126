using System.Numerics;
using Restaking.Domain.Units;

namespace Restaking.Domain.Markets;

/// <summary>
/// A token/ETH constant-product pool (Uniswap v2, v2-core UniswapV2Pair and v2-periphery UniswapV2Library):
/// reserves x (token, gwei of token) and y (ETH, gwei), a swap keeps (x + in·(1 − fee)) · (y − out) ≥ x · y and
/// the fee stays in the pool. Depth is its reserves: "$27M of ETH liquidity" at ~$3,100 per ETH is ≈ 8,700 ETH a
/// side (the ezETH depeg, docs/public-figures.md). The spot price is ETH per token as a WAD, y / x.
/// </summary>
public sealed class ConstantProductPool : IMarketDepth
{
    /// <summary>Basis points in one: the fee is fee / 10,000 (Uniswap v2's 0.3 % is 30, i.e. 997 / 1000).</summary>
    public const long BasisPoints = 10_000;

    /// <summary>Uniswap v2's fee, 0.3 %.</summary>
    public const long UniswapV2FeeBps = 30;

    public ConstantProductPool(long tokenReserve, long ethReserve, long feeBps = UniswapV2FeeBps)
    {
        if (tokenReserve <= 0 || ethReserve <= 0) throw new ArgumentOutOfRangeException(nameof(tokenReserve), "reserves must be positive");
        if (feeBps < 0 || feeBps >= BasisPoints) throw new ArgumentOutOfRangeException(nameof(feeBps), "fee must be in [0, 10000) bps");
        TokenReserve = tokenReserve;
        EthReserve = ethReserve;
        FeeBps = feeBps;
    }

    /// <summary>Tokens in the pool (gwei of token).</summary>
    public long TokenReserve { get; private set; }

    /// <summary>ETH in the pool (gwei).</summary>
    public long EthReserve { get; private set; }

    public long FeeBps { get; }

    /// <summary>Spot price y / x, ETH per token as a WAD, rounded down.</summary>
    public long SpotPriceWad => Wad.Ratio(EthReserve, TokenReserve, Rounding.Down);

    /// <summary>ETH a sale of <paramref name="tokenIn"/> would pay out, without trading.</summary>
    public long QuoteSellToken(long tokenIn) => AmountOut(tokenIn, TokenReserve, EthReserve);

    /// <summary>Tokens a purchase with <paramref name="ethIn"/> would pay out, without trading.</summary>
    public long QuoteBuyToken(long ethIn) => AmountOut(ethIn, EthReserve, TokenReserve);

    /// <summary>Sells tokens into the pool; returns the ETH paid out (getAmountOut, rounded down).</summary>
    public long SellToken(long tokenIn)
    {
        long ethOut = QuoteSellToken(tokenIn);
        TokenReserve = checked(TokenReserve + tokenIn);
        EthReserve -= ethOut;
        return ethOut;
    }

    /// <summary>Buys tokens from the pool with ETH; returns the tokens paid out (getAmountOut, rounded down).</summary>
    public long BuyToken(long ethIn)
    {
        long tokenOut = QuoteBuyToken(ethIn);
        EthReserve = checked(EthReserve + ethIn);
        TokenReserve -= tokenOut;
        return tokenOut;
    }

    /// <summary>The spot price (WAD, rounded down) the pool would show after selling <paramref name="tokenIn"/>.</summary>
    public long SpotPriceAfterSellWad(long tokenIn) =>
        Wad.Ratio(EthReserve - QuoteSellToken(tokenIn), checked(TokenReserve + tokenIn), Rounding.Down);

    /// <summary>
    /// How many tokens must be sold to bring the spot price down to <paramref name="targetPriceWad"/>: the smallest
    /// whole amount whose sale, at this pool's fee and rounding, leaves <see cref="SpotPriceWad"/> ≤ the target
    /// (0 when it already is). Without a fee, x'·y' = k and y'/x' = p give x' = √(k / p), so the sale is
    /// ⌈√(x·y·WAD / p)⌉ − x, exact in integers; the fee keeps part of each sale in the pool (k grows), so that
    /// amount can fall a little short and the answer is found by searching upward from it on the exact quote.
    /// </summary>
    public long TokenInForPrice(long targetPriceWad)
    {
        if (targetPriceWad <= 0) throw new ArgumentOutOfRangeException(nameof(targetPriceWad), "a constant-product price never reaches zero");
        if (SpotPriceWad <= targetPriceWad) return 0;

        // Fee-less closed form: the smallest x' with x'² · p ≥ x · y · WAD.
        var kWad = (BigInteger)TokenReserve * EthReserve * Wad.One;
        var n = BigInteger.DivRem(kWad, targetPriceWad, out var rem) + (rem.IsZero ? 0 : 1);
        var reserveAfter = IntegerRoot.CeilSqrt(n);
        if (reserveAfter > long.MaxValue) throw new OverflowException("target price needs more tokens than a long holds");
        long low = Math.Max(0, (long)reserveAfter - TokenReserve - 1);

        // Spot after a sale only falls as the sale grows: widen until the target is reached, then bisect.
        if (SpotPriceAfterSellWad(low) <= targetPriceWad) return BisectDown(0, low, targetPriceWad);
        long step = Math.Max(2, Wad.MulDiv(low, FeeBps + 1, BasisPoints, Rounding.Up));
        long high = checked(low + step);
        while (SpotPriceAfterSellWad(high) > targetPriceWad)
        {
            low = high;
            step = checked(step * 2);
            high = checked(high + step);
        }
        return BisectDown(low, high, targetPriceWad);
    }

    /// <summary>ETH that lifts the spot price to <paramref name="targetPriceWad"/>: without the fee y' = √(k·p) (x'·y' = k,
    /// y'/x' = p), so ETH in = (y' − y) / (1 − fee), rounded up; 0 when the price is already there.</summary>
    public long EthInForPrice(long targetPriceWad)
    {
        if (SpotPriceWad >= targetPriceWad) return 0;
        var k = (BigInteger)TokenReserve * EthReserve;
        var reserveAfter = IntegerRoot.CeilSqrt(k * targetPriceWad / Wad.One);
        var needed = reserveAfter - EthReserve;
        if (needed <= 0) return 0;
        var gross = (needed * BasisPoints + BasisPoints - FeeBps - 1) / (BasisPoints - FeeBps);
        return gross > long.MaxValue ? long.MaxValue : (long)gross;
    }

    /// <summary>The pool's state: token reserve, ETH reserve, fee (bps).</summary>
    public long[] Save() => [TokenReserve, EthReserve, FeeBps];

    public static ConstantProductPool Restore(long[] state)
    {
        if (state.Length != 3) throw new ArgumentException($"a pool saves 3 longs, got {state.Length}", nameof(state));
        return new ConstantProductPool(state[0], state[1], state[2]);
    }

    /// <summary>
    /// getAmountOut (v2-periphery UniswapV2Library): out = in·(1 − fee)·R_out / (R_in + in·(1 − fee)), rounded down,
    /// with the fee in basis points (Uniswap's 997 / 1000 is 9970 / 10000).
    /// </summary>
    private long AmountOut(long amountIn, long reserveIn, long reserveOut)
    {
        if (amountIn < 0) throw new ArgumentOutOfRangeException(nameof(amountIn), "amount in must be non-negative");
        if (amountIn == 0) return 0;
        Int128 inWithFee = (Int128)amountIn * (BasisPoints - FeeBps);
        Int128 numerator = checked(inWithFee * reserveOut);
        Int128 denominator = checked((Int128)reserveIn * BasisPoints + inWithFee);
        return (long)(numerator / denominator);
    }

    /// <summary>Smallest x in (low, high] with the price after selling x at or below the target (it holds at high).</summary>
    private long BisectDown(long low, long high, long targetPriceWad)
    {
        while (high - low > 1)
        {
            long mid = low + (high - low) / 2;
            if (SpotPriceAfterSellWad(mid) <= targetPriceWad) high = mid;
            else low = mid;
        }
        return SpotPriceAfterSellWad(low) <= targetPriceWad ? low : high;
    }
}
