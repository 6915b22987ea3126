using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Markets;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tokens;

/// <summary>
/// A liquid token: NAV = what backs it / supply (WAD, ETH per token), both net of redemptions paid. Without a market
/// the price is NAV × a factor price shocks push down; with one (<see cref="TokenMarket"/>) it is the pool's spot price,
/// moved by holders leaving, liquidators, arbitrage and shocks. When either moves, every holder (operators, LRTs,
/// lending markets) hears of it.
/// </summary>
public abstract class LiquidToken : ICascadeParticipant
{
    private readonly EntityRef[] holders;
    private readonly long initialSupplyGwei;
    private long redeemedTokens;
    private long redeemedEth;
    private long mintedTokens;
    private long depositedEth;

    protected LiquidToken(int index, string id, long supplyGwei, EntityRef[] holders, TokenMarket? market = null)
    {
        Index = index;
        Id = id;
        initialSupplyGwei = supplyGwei;
        this.holders = holders;
        Market = market;
    }

    public int Index { get; }
    public string Id { get; }
    /// <summary>Tokens outstanding: the initial supply less what the redemption queue burned, plus what yield-driven deposits minted.</summary>
    public long SupplyGwei => initialSupplyGwei - redeemedTokens + mintedTokens;
    public long MarketFactorWad { get; private set; } = Wad.One;
    public TokenMarket? Market { get; }

    /// <summary>ETH value of everything backing the token, in gwei, before redemptions paid out of it.</summary>
    public abstract long BackingValueGwei { get; }

    /// <summary>Backing less redemptions paid, plus deposits (held as ETH: not yet staked or delegated) over the supply.</summary>
    public long NavWad => SupplyGwei <= 0 ? Wad.One : Wad.Ratio(Math.Max(0, BackingValueGwei - redeemedEth + depositedEth), SupplyGwei, Rounding.Down);

    public long PriceWad => Market?.PriceWad ?? Wad.Mul(NavWad, MarketFactorWad, Rounding.Down);

    /// <summary>When the token's market next needs its tick (<see cref="TokenMarket.NextDueTick"/>); never without a market.</summary>
    public int MarketDueTick => Market?.NextDueTick(NavWad) ?? int.MaxValue;

    public void Handle(IReadOnlyList<Envelope> inbox, CascadeContext context)
    {
        long navBefore = NavWad, priceBefore = PriceWad;
        var venuesBefore = Market?.VenuePricesWad;
        CascadeMessage? first = null;
        foreach (var envelope in inbox)
        {
            bool changed = envelope.Message switch
            {
                PriceShock shock => ApplyPriceShock(shock, context),
                TickDue when Market is not null => StepMarket(context, envelope.Message),
                ExitWave wave when Market is not null => JoinExitWave(wave),
                CollateralSold sold when Market is not null => SellCollateral(sold, context),
                RedemptionsHalted halt => HaltRedemptions(halt, context),
                _ => Apply(envelope.Message, context),
            };
            if (changed) first ??= envelope.Message;
        }
        Market?.Observe(context.Tick, NavWad);
        // With venues a lending oracle may read one of them, so a move of any venue is news too.
        var venuesAfter = Market?.VenuePricesWad;
        bool venuesMoved = venuesAfter is not null && !venuesAfter.AsSpan().SequenceEqual(venuesBefore);
        if (first is null || (NavWad == navBefore && PriceWad == priceBefore && !venuesMoved)) return;
        var notice = new TokenPriceChanged(Index, NavWad, PriceWad, first.Cause, first.Depth + 1, venuesAfter);
        foreach (var holder in holders) context.Send(holder, notice);
    }

    public abstract string CheckpointKind { get; }
    public string CheckpointId => Id;

    /// <summary>What summary.json reports of the token after <paramref name="endTick"/> ticks.</summary>
    public Engine.FinalToken Final(int endTick) => new(Id, SupplyGwei, NavWad, PriceWad, Market?.Figures(endTick, NavWad));

    /// <summary>The market factor, redemptions paid, the market if any, then what backs this kind of token.</summary>
    public void SaveState(CheckpointWriter writer)
    {
        writer.WriteLong(MarketFactorWad);
        writer.WriteLong(redeemedTokens);
        writer.WriteLong(redeemedEth);
        writer.WriteLong(mintedTokens);
        writer.WriteLong(depositedEth);
        Market?.Save(writer);
        SaveBacking(writer);
    }

    public void RestoreState(CheckpointReader reader)
    {
        MarketFactorWad = reader.ReadLong();
        redeemedTokens = reader.ReadLong();
        redeemedEth = reader.ReadLong();
        mintedTokens = reader.ReadLong();
        depositedEth = reader.ReadLong();
        Market?.Restore(reader);
        RestoreBacking(reader);
    }

    protected abstract void SaveBacking(CheckpointWriter writer);

    protected abstract void RestoreBacking(CheckpointReader reader);

    /// <summary>Applies one message that only this kind of token understands; true when NAV or price may have moved.</summary>
    protected abstract bool Apply(CascadeMessage message, CascadeContext context);

    private bool ApplyPriceShock(PriceShock shock, CascadeContext context)
    {
        long priceBefore = PriceWad;
        // With a pool, a shock is a seller who pushes the pool's price (every home venue's) down by the fraction.
        if (Market is not null) Market.Shock(shock.FractionWad);
        else MarketFactorWad = Wad.Mul(MarketFactorWad, Wad.One - shock.FractionWad, Rounding.Down);
        // The loss to holders: supply × price drop.
        context.Record(CascadeEventKind.PriceShock, context.Self, context.Self, Wad.Mul(SupplyGwei, priceBefore - PriceWad, Rounding.Down),
            null, shock.Cause, shock.Depth, "factor=" + Wad.ToDecimalString(MarketFactorWad));
        return true;
    }

    /// <summary>A service halted (or resumed) redemptions: recorded either way; without a market there is no queue to halt
    /// (the event says so rather than the halt being dropped).</summary>
    private bool HaltRedemptions(RedemptionsHalted halt, CascadeContext context)
    {
        Market?.HaltRedemptions(halt.Halted);
        context.Record(CascadeEventKind.RedemptionsHalted, EntityRef.Service(halt.Service), context.Self, Market?.QueuedTokens ?? 0, null, halt.Cause,
            halt.Depth, (halt.Halted ? "halted" : "resumed") + (Market is null ? ";no_market" : ""));
        return false;   // the market feels it at its next tick
    }

    private bool JoinExitWave(ExitWave wave)
    {
        Market!.JoinExitWave(Math.Min(wave.Tokens, SupplyGwei));
        return false;   // nothing moves until the market's next tick
    }

    /// <summary>One tick of the market: holders sell or queue, arbitrageurs buy the discount, the queue pays at NAV.</summary>
    private bool StepMarket(CascadeContext context, CascadeMessage tick)
    {
        bool minted = Market!.Flows is not null && FlowWithYield(Market.Flows, context, tick);
        var step = Market.Step(context.Tick, NavWad);
        if (step.HolderTokensSold > 0)
            context.Record(CascadeEventKind.MarketSale, context.Self, context.Self, step.HolderEthReceived, null, tick.Cause, tick.Depth,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"seller=holders;tokens={step.HolderTokensSold};queued={step.HolderTokensQueued}"));
        foreach (var sale in step.LiquidatorSales) RecordLiquidatorSale(sale, tick, context);
        redeemedTokens += step.TokensRedeemed;
        redeemedEth += step.EthRedeemed;
        return minted || step.HolderTokensSold > 0 || step.ArbitrageTokensBought > 0 || step.TokensRedeemed > 0
            || step.VenueArbitrageEth > 0 || step.LiquidatorSales.Count > 0;
    }

    /// <summary>
    /// Yield-driven holders move before the market trades: leavers join the exit wave (they queue or sell this very tick);
    /// depositors mint at NAV, rounded so NAV never falls (the ETH they bring is rounded up), and the ETH is held beside the
    /// backing. True when tokens were minted.
    /// </summary>
    private bool FlowWithYield(YieldDrivenFlows flows, CascadeContext context, CascadeMessage tick)
    {
        long nav = NavWad;
        var (yield, net) = flows.Step(nav, SupplyGwei);
        if (net == 0) return false;
        long tokens = Math.Abs(net);
        long eth = Wad.Mul(tokens, nav, Rounding.Up);
        string detail = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"tokens={tokens};token_yield={Wad.ToDecimalString(yield)};benchmark={Wad.ToDecimalString(flows.BenchmarkAprWad)}");
        context.Record(net > 0 ? CascadeEventKind.Deposit : CascadeEventKind.YieldExit, context.Self, context.Self, eth, null, tick.Cause, tick.Depth, detail);
        if (net < 0)
        {
            Market!.JoinExitWave(Math.Min(tokens, SupplyGwei));
            return false;
        }
        mintedTokens += tokens;
        depositedEth += eth;
        return true;
    }

    /// <summary>Liquidators sell what they seized: all at once, or by their book's policy (what they hold is in the detail).</summary>
    private bool SellCollateral(CollateralSold sold, CascadeContext context)
    {
        var sale = Market!.SellSeized(sold.Market, sold.Tokens, NavWad);
        if (!sale.Holds)
        {
            context.Record(CascadeEventKind.MarketSale, EntityRef.LendingMarket(sold.Market), context.Self, sale.EthGwei, null, sold.Cause, sold.Depth,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"seller=liquidators;tokens={sold.Tokens}"));
            return sold.Tokens > 0;
        }
        RecordLiquidatorSale(sale, sold, context);
        return sale.Tokens > 0;
    }

    private static void RecordLiquidatorSale(LiquidatorSale sale, CascadeMessage cause, CascadeContext context)
    {
        if (sale.Tokens == 0) return;
        context.Record(CascadeEventKind.MarketSale, EntityRef.LendingMarket(sale.Market), context.Self, sale.EthGwei, null, cause.Cause, cause.Depth,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"seller=liquidators;tokens={sale.Tokens};held={sale.HeldTokens}"));
    }

    /// <summary>Takes backing lost to a drain from <paramref name="backing"/>, records it, returns what was taken.</summary>
    protected static long Drain(ref long backing, BackingDrained drain, CascadeContext context)
    {
        long taken = Math.Min(drain.AmountGwei, backing);
        backing -= taken;
        context.Record(CascadeEventKind.Drain, EntityRef.Service(drain.Service), context.Self, taken, SlashReason.BridgeExploit, drain.Cause, drain.Depth);
        return taken;
    }
}
