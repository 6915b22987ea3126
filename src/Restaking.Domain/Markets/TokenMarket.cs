using Restaking.Domain.Checkpoints;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Markets;

/// <summary>
/// A token's market for one tick (our model; docs/domain-rules.md, liquid tokens): holders in an exit wave split their slice between
/// the redemption queue and the home venues (<see cref="HolderExit"/>); venue arbitrage closes gaps between venues with a
/// fixed ETH budget a tick; NAV arbitrageurs buy the discount with another budget while the price is more than their
/// discount below NAV, and queue what they bought; liquidators sell what they held back once the price allows
/// (<see cref="LiquidatorBook"/>); then the queue pays out at NAV. The venues' (<see cref="VenueBook"/>) weighted price is
/// the market price; with one pool, its spot price.
/// </summary>
public sealed class TokenMarket
{
    private readonly VenueBook venues;
    private readonly LiquidatorBook[] liquidators;
    private readonly VenueLedger? ledger;
    private WithdrawalQueue queue;
    private HolderExit holders;

    /// <param name="spec">The market.</param>
    /// <param name="benchmarkAprWad">Plain staking's APR, what yield-driven holders compare the token with.</param>
    /// <param name="tickSeconds">Length of a tick (to annualize the NAV's change).</param>
    /// <param name="liquidators">The liquidators of every lending market whose collateral this token is.</param>
    public TokenMarket(MarketSpec spec, long benchmarkAprWad = 0, long tickSeconds = 1, IReadOnlyList<LiquidatorBook>? liquidators = null)
    {
        Flows = spec.YieldFlows is { } flows ? new YieldDrivenFlows(flows, benchmarkAprWad, tickSeconds) : null;
        venues = new VenueBook(spec.AllVenues);
        // Per-venue figures only for a market listed with venues: a single pool's are the market price's.
        ledger = spec.Venues is null ? null : new VenueLedger(venues);
        this.liquidators = liquidators?.ToArray() ?? [];
        queue = new WithdrawalQueue(spec.RedemptionDelayTicks, spec.RedemptionEthPerTick);
        holders = new HolderExit(spec.SellDiscountWad, spec.MaxWaitTicks, spec.SellFractionPerTickWad, spec.WaitCostPerTickWad);
        ArbitrageEthPerTick = spec.ArbitrageEthPerTick;
        ArbitrageDiscountWad = spec.ArbitrageDiscountWad;
        VenueArbitrageEthPerTick = spec.VenueArbitrageEthPerTick;
    }

    /// <summary>Deposits and exits driven by yield, when the market has them.</summary>
    public YieldDrivenFlows? Flows { get; }
    public long ArbitrageEthPerTick { get; }
    public long ArbitrageDiscountWad { get; }
    public long VenueArbitrageEthPerTick { get; }
    public long PriceWad => venues.PriceWad;
    public VenueBook Venues => venues;
    public long QueuedTokens => queue.QueuedTokens;
    public long ExitWaveTokens => holders.ExitWaveTokens;

    /// <summary>Each venue's spot price when the market lists venues (lending oracles may read one); null for a single pool.</summary>
    public long[]? VenuePricesWad => ledger is null ? null : venues.Prices();

    /// <summary>Arbitrageurs buy up to NAV × (1 − their discount), rounded down.</summary>
    private long ArbitrageTarget(long navWad) => Wad.Mul(navWad, Wad.One - ArbitrageDiscountWad, Rounding.Down);

    public void JoinExitWave(long tokens) => holders.Join(tokens);

    /// <summary>An outside seller (a shocked holder) sells into the home venues; returns the ETH received.</summary>
    public long Sell(long tokens) => venues.Sell(tokens);

    /// <summary>A price shock: a seller pushes every home venue's price down by <paramref name="fractionWad"/>.</summary>
    public void Shock(long fractionWad) => venues.Shock(fractionWad);

    /// <summary>
    /// A lending market's liquidators seized <paramref name="tokens"/>: they sell what their inventory cannot carry at once
    /// and the rest down to their floor (<see cref="LiquidatorBook"/>). Without a book for that market, all at once.
    /// </summary>
    public LiquidatorSale SellSeized(int market, long tokens, long navWad)
    {
        var book = Array.Find(liquidators, l => l.Market == market);
        if (book is null) return new LiquidatorSale(market, tokens, Sell(tokens), 0, false);
        long forced = book.Receive(tokens, navWad);
        long eth = venues.Sell(forced);
        book.Sold(forced, eth);
        var (held, heldEth) = venues.SellDownTo(book.HeldTokens, book.FloorPriceWad(navWad));
        book.Sold(held, heldEth);
        return new LiquidatorSale(market, forced + held, eth + heldEth, book.HeldTokens, book.Holds);
    }

    /// <summary>Redemptions are halted (a service kind froze them, e.g. a corrupted rollup sequencer): the queue pays nothing,
    /// holders see no end to the wait and sell, and NAV arbitrage stops (it lives on redeeming what it buys).</summary>
    public bool RedemptionsHalted { get; private set; }

    public void HaltRedemptions(bool halted) => RedemptionsHalted = halted;

    /// <summary>The wait holders weigh against selling while redemptions are halted: unbounded, so no discount is too deep.</summary>
    private const long HaltedWaitTicks = int.MaxValue;

    public MarketTick Step(long tick, long navWad)
    {
        if (RedemptionsHalted) return HaltedStep(navWad);
        long wait = queue.ExpectedWaitTicks(navWad);
        var exit = holders.Step(venues, navWad, wait);
        long soldEth = Sell(exit.TokensToPool);
        if (exit.TokensToQueue > 0) queue.Enqueue(exit.TokensToQueue, tick);

        long venueArbitrageEth = VenueArbitrageEthPerTick > 0 && venues.Count > 1 ? venues.Arbitrage(VenueArbitrageEthPerTick) : 0;
        long boughtTokens = 0, arbitrageEth = 0;
        if (ArbitrageEthPerTick > 0)
        {
            (arbitrageEth, boughtTokens) = venues.BuyUpTo(ArbitrageEthPerTick, ArbitrageTarget(navWad));
            if (boughtTokens > 0) queue.Enqueue(boughtTokens, tick);
        }
        var heldSales = SellHeld(navWad);
        var paid = queue.Process(tick, navWad);
        return new MarketTick(exit.TokensToPool, soldEth, exit.TokensToQueue, boughtTokens, arbitrageEth, paid.TokensRedeemed, paid.EthPaid)
        {
            VenueArbitrageEth = venueArbitrageEth,
            LiquidatorSales = heldSales,
        };
    }

    /// <summary>A tick with redemptions halted: holders leaving sell into the venues, venue arbitrage goes on, nothing is redeemed.</summary>
    private MarketTick HaltedStep(long navWad)
    {
        var exit = holders.Step(venues, navWad, HaltedWaitTicks);
        long soldEth = Sell(exit.TokensToPool);
        long venueArbitrageEth = VenueArbitrageEthPerTick > 0 && venues.Count > 1 ? venues.Arbitrage(VenueArbitrageEthPerTick) : 0;
        var heldSales = SellHeld(navWad);
        return new MarketTick(exit.TokensToPool, soldEth, exit.TokensToQueue, 0, 0, 0, 0)
        {
            VenueArbitrageEth = venueArbitrageEth,
            LiquidatorSales = heldSales,
        };
    }

    /// <summary>Liquidators sell held collateral down to their floors, after arbitrage lifted the price (market order of books).</summary>
    private LiquidatorSale[] SellHeld(long navWad)
    {
        List<LiquidatorSale>? sales = null;
        foreach (var book in liquidators)
        {
            if (book.HeldTokens == 0) continue;
            var (tokens, eth) = venues.SellDownTo(book.HeldTokens, book.FloorPriceWad(navWad));
            if (tokens == 0) continue;
            book.Sold(tokens, eth);
            (sales ??= []).Add(new LiquidatorSale(book.Market, tokens, eth, book.HeldTokens, true));
        }
        return sales?.ToArray() ?? [];
    }

    /// <summary>
    /// The first tick at which <see cref="Step"/> can change anything (docs/architecture.md, "Quiet ticks"): every tick
    /// (0) while yield flows run (they remember each tick's NAV), holders have an exit wave, liquidators hold inventory,
    /// venue arbitrage pays or NAV arbitrageurs can buy below their target; otherwise when the queue's head can be paid;
    /// otherwise never (<see cref="int.MaxValue"/>). Until then a step sells, buys and pays nothing, so the schedule leaves
    /// the market out (its venue ledger closes the skipped ticks with the state it remembers, as it did each tick).
    /// </summary>
    public int NextDueTick(long navWad)
    {
        if (Flows is not null || holders.ExitWaveTokens > 0) return 0;
        foreach (var book in liquidators)
            if (book.HeldTokens > 0) return 0;
        if (VenueArbitrageEthPerTick > 0 && venues.Count > 1 && venues.ArbitragePays(VenueArbitrageEthPerTick)) return 0;
        if (ArbitrageEthPerTick > 0)
        {
            long target = ArbitrageTarget(navWad);
            for (int i = 0; i < venues.Count; i++)
                if (venues.Pool(i).EthInForPrice(target) > 0) return 0;
        }
        return queue.NextPayableTick;
    }

    /// <summary>The token handled a round at <paramref name="tick"/> (venue figures are taken at tick ends).</summary>
    public void Observe(int tick, long navWad) => ledger?.Observe(tick, navWad, venues);

    /// <summary>What summary.json reports of this market after <paramref name="endTick"/> ticks.</summary>
    public MarketFigures Figures(int endTick, long navWad) =>
        new(ledger?.Figures(endTick, navWad, venues) ?? [], liquidators.Select(l => l.Figures).ToArray());

    public void Save(CheckpointWriter writer)
    {
        venues.Save(writer);
        writer.WriteLongs(queue.Save());
        writer.WriteLongs(holders.Save());
        if (Flows is not null) writer.WriteLongs(Flows.Save());
        writer.WriteAll(liquidators, l => writer.WriteLongs(l.Save()));
        ledger?.Save(writer);
        writer.WriteBool(RedemptionsHalted);
    }

    public void Restore(CheckpointReader reader)
    {
        venues.Restore(reader);
        queue = WithdrawalQueue.Restore(reader.ReadLongs());
        holders = HolderExit.Restore(reader.ReadLongs());
        Flows?.Restore(reader.ReadLongs());
        var books = reader.ReadAll(4, reader.ReadLongs);
        CheckpointReader.RequireCount(books.Length, liquidators.Length, "liquidator books");
        for (int i = 0; i < books.Length; i++) liquidators[i].Restore(books[i]);
        ledger?.Restore(reader);
        RedemptionsHalted = reader.ReadBool();
    }
}

/// <summary>What one tick of a market did: holders' sale and queueing, NAV arbitrage, redemptions paid, venue arbitrage,
/// liquidators' sales out of what they held.</summary>
public readonly record struct MarketTick(long HolderTokensSold, long HolderEthReceived, long HolderTokensQueued, long ArbitrageTokensBought,
    long ArbitrageEthSpent, long TokensRedeemed, long EthRedeemed)
{
    public long VenueArbitrageEth { get; init; }
    public IReadOnlyList<LiquidatorSale> LiquidatorSales { get; init; } = [];
}

/// <summary>A lending market's liquidators sold <see cref="Tokens"/> for <see cref="EthGwei"/> and still hold <see cref="HeldTokens"/>;
/// <see cref="Holds"/> says whether they carry inventory at all (without, every seizure is sold at once).</summary>
public readonly record struct LiquidatorSale(int Market, long Tokens, long EthGwei, long HeldTokens, bool Holds);

/// <summary>A market's figures for summary.json: its venues (when listed) and each lending market's liquidators.</summary>
public sealed record MarketFigures(IReadOnlyList<VenueFigures> Venues, IReadOnlyList<LiquidatorFigures> Liquidators);
