using System.Numerics;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Markets;

/// <summary>
/// A token's market for one tick (our model; DOMAIN.md, liquid tokens): holders in an exit wave split their slice between
/// the redemption queue and the pool (<see cref="HolderExit"/>); arbitrageurs buy the pool's discount with up to a fixed
/// ETH budget a tick while the price is more than their discount below NAV, and queue what they bought; then the queue
/// pays out at NAV. The pool's spot price is the market price.
/// </summary>
public sealed class TokenMarket
{
    private ConstantProductPool pool;
    private WithdrawalQueue queue;
    private HolderExit holders;

    /// <param name="spec">The market.</param>
    /// <param name="benchmarkAprWad">Plain staking's APR, what yield-driven holders compare the token with.</param>
    /// <param name="tickSeconds">Length of a tick (to annualize the NAV's change).</param>
    public TokenMarket(MarketSpec spec, long benchmarkAprWad = 0, long tickSeconds = 1)
    {
        Flows = spec.YieldFlows is { } flows ? new YieldDrivenFlows(flows, benchmarkAprWad, tickSeconds) : null;
        pool = new ConstantProductPool(spec.PoolTokensGwei, spec.PoolEthGwei, spec.FeeBps);
        queue = new WithdrawalQueue(spec.RedemptionDelayTicks, spec.RedemptionEthPerTick);
        holders = new HolderExit(spec.SellDiscountWad, spec.MaxWaitTicks, spec.SellFractionPerTickWad, spec.WaitCostPerTickWad);
        ArbitrageEthPerTick = spec.ArbitrageEthPerTick;
        ArbitrageDiscountWad = spec.ArbitrageDiscountWad;
    }

    /// <summary>Deposits and exits driven by yield, when the market has them.</summary>
    public YieldDrivenFlows? Flows { get; }
    public long ArbitrageEthPerTick { get; }
    public long ArbitrageDiscountWad { get; }
    public long PriceWad => pool.SpotPriceWad;
    public long QueuedTokens => queue.QueuedTokens;
    public long ExitWaveTokens => holders.ExitWaveTokens;

    /// <summary>True while anything is left to do: holders still leaving, requests queued, or a discount to arbitrage.</summary>
    public bool Busy(long navWad) => holders.ExitWaveTokens > 0 || queue.Count > 0 || (ArbitrageEthPerTick > 0 && PriceWad < ArbitrageTarget(navWad));

    /// <summary>Arbitrageurs buy up to NAV × (1 − their discount), rounded down.</summary>
    private long ArbitrageTarget(long navWad) => Wad.Mul(navWad, Wad.One - ArbitrageDiscountWad, Rounding.Down);

    public void JoinExitWave(long tokens) => holders.Join(tokens);

    /// <summary>An outside seller (a liquidator, a shocked holder) sells into the pool; returns the ETH received.</summary>
    public long Sell(long tokens) => tokens <= 0 ? 0 : pool.SellToken(tokens);

    /// <summary>Tokens an outside seller must sell to push the price down by <paramref name="fractionWad"/>.</summary>
    public long TokensToMovePrice(long fractionWad) => pool.TokenInForPrice(Math.Max(1, Wad.Mul(PriceWad, Wad.One - fractionWad, Rounding.Down)));

    public MarketTick Step(long tick, long navWad)
    {
        long wait = queue.ExpectedWaitTicks(navWad);
        var exit = holders.Step(pool, navWad, wait);
        long soldEth = Sell(exit.TokensToPool);
        if (exit.TokensToQueue > 0) queue.Enqueue(exit.TokensToQueue, tick);

        long boughtTokens = 0, arbitrageEth = 0;
        if (ArbitrageEthPerTick > 0)
        {
            arbitrageEth = Math.Min(ArbitrageEthPerTick, EthInForPrice(ArbitrageTarget(navWad)));
            if (arbitrageEth > 0)
            {
                boughtTokens = pool.BuyToken(arbitrageEth);
                if (boughtTokens > 0) queue.Enqueue(boughtTokens, tick);
            }
        }
        var paid = queue.Process(tick, navWad);
        return new MarketTick(exit.TokensToPool, soldEth, exit.TokensToQueue, boughtTokens, arbitrageEth, paid.TokensRedeemed, paid.EthPaid);
    }

    /// <summary>ETH that lifts the spot price to <paramref name="targetPriceWad"/>: without the fee y' = √(k·p) (x'·y' = k,
    /// y'/x' = p), so ETH in = (y' − y) / (1 − fee), rounded up; 0 when the price is already there.</summary>
    private long EthInForPrice(long targetPriceWad)
    {
        if (PriceWad >= targetPriceWad) return 0;
        var k = (BigInteger)pool.TokenReserve * pool.EthReserve;
        var reserveAfter = IntegerRoot.CeilSqrt(k * targetPriceWad / Wad.One);
        var needed = reserveAfter - pool.EthReserve;
        if (needed <= 0) return 0;
        var gross = (needed * ConstantProductPool.BasisPoints + ConstantProductPool.BasisPoints - pool.FeeBps - 1) / (ConstantProductPool.BasisPoints - pool.FeeBps);
        return gross > long.MaxValue ? long.MaxValue : (long)gross;
    }

    public void Save(CheckpointWriter writer)
    {
        writer.WriteLongs(pool.Save());
        writer.WriteLongs(queue.Save());
        writer.WriteLongs(holders.Save());
        if (Flows is not null) writer.WriteLongs(Flows.Save());
    }

    public void Restore(CheckpointReader reader)
    {
        pool = ConstantProductPool.Restore(reader.ReadLongs());
        queue = WithdrawalQueue.Restore(reader.ReadLongs());
        holders = HolderExit.Restore(reader.ReadLongs());
        Flows?.Restore(reader.ReadLongs());
    }
}

/// <summary>What one tick of a market did: holders' sale and queueing, arbitrage, redemptions paid.</summary>
public readonly record struct MarketTick(long HolderTokensSold, long HolderEthReceived, long HolderTokensQueued, long ArbitrageTokensBought,
    long ArbitrageEthSpent, long TokensRedeemed, long EthRedeemed);
