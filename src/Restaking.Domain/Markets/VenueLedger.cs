using Restaking.Domain.Checkpoints;
using Restaking.Domain.Units;

namespace Restaking.Domain.Markets;

/// <summary>
/// Per-venue figures at the end of each tick — the lowest price (and the first tick it closed at), the ticks closed more
/// than <see cref="DepegThresholdWad"/> below NAV, the least ETH held — the measures summary.json gives the market price
/// (RunRecorder), kept by the token itself so no engine has to carry venue prices. Prices and NAV only change while the
/// token handles a round, so the state after its last round of a tick is that tick's end: each observation first closes
/// the ticks since the previous one with the state it left.
/// </summary>
public sealed class VenueLedger
{
    /// <summary>2 %, the market price's depeg threshold (RunRecorder.DepegThresholdWad).</summary>
    public const long DepegThresholdWad = Wad.One / 50;

    private readonly long[] price, eth, minPrice, minEth;
    private readonly int[] minPriceTick, depegTicks;
    private long nav = -1;   // unknown until the first observation; nothing moved before it
    private int tick;

    public VenueLedger(VenueBook venues)
    {
        int n = venues.Count;
        price = venues.Prices();
        eth = Enumerable.Range(0, n).Select(i => venues.Pool(i).EthReserve).ToArray();
        minPrice = Enumerable.Repeat(long.MaxValue, n).ToArray();
        minEth = Enumerable.Repeat(long.MaxValue, n).ToArray();
        minPriceTick = new int[n];
        depegTicks = new int[n];
    }

    /// <summary>The token has handled a round of <paramref name="atTick"/>: close the ticks before it, then remember the state.</summary>
    public void Observe(int atTick, long navWad, VenueBook venues)
    {
        if (atTick > tick) Close(tick, atTick, nav < 0 ? navWad : nav, minPrice, minPriceTick, depegTicks, minEth);
        tick = Math.Max(tick, atTick);
        nav = navWad;
        for (int i = 0; i < price.Length; i++)
        {
            price[i] = venues.Pool(i).SpotPriceWad;
            eth[i] = venues.Pool(i).EthReserve;
        }
    }

    /// <summary>Each venue's figures for a run of <paramref name="endTick"/> ticks (the last state closes the rest).</summary>
    public VenueFigures[] Figures(int endTick, long navWad, VenueBook venues)
    {
        var (low, lowTick, depeg, least) = ((long[])minPrice.Clone(), (int[])minPriceTick.Clone(), (int[])depegTicks.Clone(), (long[])minEth.Clone());
        if (endTick > tick) Close(tick, endTick, nav < 0 ? navWad : nav, low, lowTick, depeg, least);
        return Enumerable.Range(0, price.Length).Select(i => new VenueFigures(venues.Id(i), venues.Chain(i),
            low[i] == long.MaxValue ? price[i] : low[i], lowTick[i], depeg[i], venues.Pool(i).SpotPriceWad,
            least[i] == long.MaxValue ? eth[i] : least[i], venues.Pool(i).EthReserve)).ToArray();
    }

    /// <summary>Ticks [from, to) all closed with the remembered state.</summary>
    private void Close(int from, int to, long navWad, long[] low, int[] lowTick, int[] depeg, long[] least)
    {
        long threshold = Wad.Mul(navWad, Wad.One - DepegThresholdWad, Rounding.Down);
        for (int i = 0; i < price.Length; i++)
        {
            if (price[i] < low[i]) (low[i], lowTick[i]) = (price[i], from);
            if (price[i] < threshold) depeg[i] += to - from;
            least[i] = Math.Min(least[i], eth[i]);
        }
    }

    /// <summary>Last tick and NAV, then per venue: price, ETH, lowest price, its tick, depeg ticks, least ETH.</summary>
    public void Save(CheckpointWriter writer)
    {
        writer.WriteInt(tick);
        writer.WriteLong(nav);
        writer.WriteLongs(price);
        writer.WriteLongs(eth);
        writer.WriteLongs(minPrice);
        writer.WriteInts(minPriceTick);
        writer.WriteInts(depegTicks);
        writer.WriteLongs(minEth);
    }

    public void Restore(CheckpointReader reader)
    {
        tick = reader.ReadInt();
        nav = reader.ReadLong();
        reader.ReadInto(price, "venue prices");
        reader.ReadInto(eth, "venue reserves");
        reader.ReadInto(minPrice, "venue lows");
        ReadInts(reader, minPriceTick);
        ReadInts(reader, depegTicks);
        reader.ReadInto(minEth, "venue reserve lows");
    }

    private static void ReadInts(CheckpointReader reader, int[] into)
    {
        var saved = reader.ReadInts();
        CheckpointReader.RequireCount(saved.Length, into.Length, "venues");
        saved.CopyTo(into, 0);
    }
}

/// <summary>One venue over a run, at tick ends: its lowest price and the first tick it closed there, the ticks it closed
/// more than 2 % below NAV, its final price, the least and the final ETH it held.</summary>
public readonly record struct VenueFigures(string Id, string Chain, long MinPriceWad, int MinPriceTick, int DepegTicks, long FinalPriceWad,
    long MinEthReserveGwei, long FinalEthReserveGwei);
