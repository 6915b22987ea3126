using Restaking.Domain.Units;

namespace Restaking.Domain.Markets;

/// <summary>
/// How stressed holders leave a token (model choice, docs/domain-rules.md "liquid tokens": under stress holders sell into the
/// pool instead of waiting in the redemption queue). The holders who want out form an exit wave; each tick a
/// slice of it (<see cref="SellFractionPerTickWad"/> of what is left, rounded up so the wave ends) acts:
/// <list type="bullet">
/// <item>calm — discount to NAV (1 − price / NAV) below <see cref="SellDiscountThresholdWad"/> and the queue's wait
/// below <see cref="MaxWaitTicks"/>: the whole slice queues for redemption at NAV;</item>
/// <item>stressed — otherwise the slice sells into the pool, but only down to the price where selling stops paying
/// against waiting: NAV × (1 − wait cost), wait cost = queue wait × <see cref="OpportunityRatePerTickWad"/> (capped
/// at 1). Below it an arbitrageur would rather buy and redeem, so the rest of the slice queues instead.</item>
/// </list>
/// </summary>
public sealed class HolderExit
{
    public HolderExit(long sellDiscountThresholdWad, long maxWaitTicks, long sellFractionPerTickWad, long opportunityRatePerTickWad,
        long exitWaveTokens = 0)
    {
        if (sellDiscountThresholdWad < 0 || sellDiscountThresholdWad > Wad.One)
            throw new ArgumentOutOfRangeException(nameof(sellDiscountThresholdWad), "threshold must be in [0, WAD]");
        if (maxWaitTicks < 0) throw new ArgumentOutOfRangeException(nameof(maxWaitTicks), "wait must be non-negative");
        if (sellFractionPerTickWad <= 0 || sellFractionPerTickWad > Wad.One)
            throw new ArgumentOutOfRangeException(nameof(sellFractionPerTickWad), "fraction must be in (0, WAD]");
        if (opportunityRatePerTickWad < 0) throw new ArgumentOutOfRangeException(nameof(opportunityRatePerTickWad), "rate must be non-negative");
        if (exitWaveTokens < 0) throw new ArgumentOutOfRangeException(nameof(exitWaveTokens), "wave must be non-negative");
        SellDiscountThresholdWad = sellDiscountThresholdWad;
        MaxWaitTicks = maxWaitTicks;
        SellFractionPerTickWad = sellFractionPerTickWad;
        OpportunityRatePerTickWad = opportunityRatePerTickWad;
        ExitWaveTokens = exitWaveTokens;
    }

    /// <summary>Discount to NAV (WAD) from which holders sell rather than queue.</summary>
    public long SellDiscountThresholdWad { get; }

    /// <summary>Queue wait (ticks) from which holders sell rather than queue.</summary>
    public long MaxWaitTicks { get; }

    /// <summary>Share of the remaining exit wave that acts each tick (WAD).</summary>
    public long SellFractionPerTickWad { get; }

    /// <summary>What a tick in the queue costs a holder, as a share of NAV (WAD): the yield or use of the ETH foregone.</summary>
    public long OpportunityRatePerTickWad { get; }

    /// <summary>Tokens whose holders still want out.</summary>
    public long ExitWaveTokens { get; private set; }

    /// <summary>More holders want out (a slash, a depeg, news).</summary>
    public void Join(long tokens)
    {
        if (tokens < 0) throw new ArgumentOutOfRangeException(nameof(tokens), "tokens must be non-negative");
        ExitWaveTokens = checked(ExitWaveTokens + tokens);
    }

    /// <summary>1 − price / NAV as a WAD (price / NAV rounded down, so the discount rounds up); 0 at or above NAV.</summary>
    public static long DiscountWad(long priceWad, long navWad) =>
        navWad <= 0 || priceWad >= navWad ? 0 : Wad.One - Wad.Ratio(priceWad, navWad, Rounding.Down);

    /// <summary>Lowest price holders still sell at: NAV × (1 − min(1, wait × opportunity rate)), rounded up.</summary>
    public long SellFloorPriceWad(long navWad, long queueWaitTicks)
    {
        Int128 cost = (Int128)Math.Max(0, queueWaitTicks) * OpportunityRatePerTickWad;
        long waitCost = cost >= Wad.One ? Wad.One : (long)cost;
        return Wad.Mul(navWad, Wad.One - waitCost, Rounding.Up);
    }

    /// <summary>
    /// One tick: takes this tick's slice off the exit wave and splits it between the pool and the queue, given the
    /// pool (its spot price is the market price), NAV and the queue's expected wait. The caller sells
    /// <see cref="HolderExitStep.TokensToPool"/> into the pool and queues <see cref="HolderExitStep.TokensToQueue"/>.
    /// </summary>
    public HolderExitStep Step(IMarketDepth pool, long navWad, long queueWaitTicks)
    {
        long slice = Math.Min(ExitWaveTokens, Wad.Mul(ExitWaveTokens, SellFractionPerTickWad, Rounding.Up));
        if (slice == 0) return default;
        ExitWaveTokens -= slice;

        long priceWad = pool.SpotPriceWad;
        bool calm = DiscountWad(priceWad, navWad) < SellDiscountThresholdWad && queueWaitTicks < MaxWaitTicks;
        if (calm) return new HolderExitStep(0, slice);

        long floor = SellFloorPriceWad(navWad, queueWaitTicks);
        long toPool = floor <= 0 ? slice : Math.Min(slice, pool.TokenInForPrice(floor));
        return new HolderExitStep(toPool, slice - toPool);
    }

    /// <summary>Threshold, max wait, fraction, opportunity rate, exit wave.</summary>
    public long[] Save() => [SellDiscountThresholdWad, MaxWaitTicks, SellFractionPerTickWad, OpportunityRatePerTickWad, ExitWaveTokens];

    public static HolderExit Restore(long[] state)
    {
        if (state.Length != 5) throw new ArgumentException($"a holder exit saves 5 longs, got {state.Length}", nameof(state));
        return new HolderExit(state[0], state[1], state[2], state[3], state[4]);
    }
}

/// <summary>One tick of a <see cref="HolderExit"/>: tokens sold into the pool, tokens sent to the redemption queue.</summary>
public readonly record struct HolderExitStep(long TokensToPool, long TokensToQueue);
