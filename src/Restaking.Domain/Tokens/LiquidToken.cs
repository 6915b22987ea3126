using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tokens;

/// <summary>
/// A liquid token: NAV = what backs it / supply (WAD, ETH per token); market price = NAV × a market factor that
/// price shocks push down (the deeper pool and redemption-queue model arrives with the markets work). When either
/// moves, every operator and LRT holding the token hears of it.
/// </summary>
public abstract class LiquidToken : ICascadeParticipant
{
    private readonly EntityRef[] holders;

    protected LiquidToken(int index, string id, long supplyGwei, EntityRef[] holders)
    {
        Index = index;
        Id = id;
        SupplyGwei = supplyGwei;
        this.holders = holders;
    }

    public int Index { get; }
    public string Id { get; }
    public long SupplyGwei { get; }
    public long MarketFactorWad { get; private set; } = Wad.One;

    /// <summary>ETH value of everything backing the token, in gwei.</summary>
    public abstract long BackingValueGwei { get; }

    public long NavWad => SupplyGwei == 0 ? Wad.One : Wad.Ratio(BackingValueGwei, SupplyGwei, Rounding.Down);

    public long PriceWad => Wad.Mul(NavWad, MarketFactorWad, Rounding.Down);

    public void Handle(IReadOnlyList<Envelope> inbox, CascadeContext context)
    {
        long navBefore = NavWad, priceBefore = PriceWad;
        CascadeMessage? first = null;
        foreach (var envelope in inbox)
        {
            bool changed = envelope.Message switch
            {
                PriceShock shock => ApplyPriceShock(shock, context),
                _ => Apply(envelope.Message, context),
            };
            if (changed) first ??= envelope.Message;
        }
        if (first is null || (NavWad == navBefore && PriceWad == priceBefore)) return;
        var notice = new TokenPriceChanged(Index, NavWad, PriceWad, first.Cause, first.Depth + 1);
        foreach (var holder in holders) context.Send(holder, notice);
    }

    public abstract string CheckpointKind { get; }
    public string CheckpointId => Id;

    /// <summary>The market factor, then what backs this kind of token.</summary>
    public void SaveState(CheckpointWriter writer)
    {
        writer.WriteLong(MarketFactorWad);
        SaveBacking(writer);
    }

    public void RestoreState(CheckpointReader reader)
    {
        MarketFactorWad = reader.ReadLong();
        RestoreBacking(reader);
    }

    protected abstract void SaveBacking(CheckpointWriter writer);

    protected abstract void RestoreBacking(CheckpointReader reader);

    /// <summary>Applies one message that only this kind of token understands; true when NAV or price may have moved.</summary>
    protected abstract bool Apply(CascadeMessage message, CascadeContext context);

    private bool ApplyPriceShock(PriceShock shock, CascadeContext context)
    {
        long priceBefore = PriceWad;
        MarketFactorWad = Wad.Mul(MarketFactorWad, Wad.One - shock.FractionWad, Rounding.Down);
        // The loss to holders: supply × price drop.
        context.Record(CascadeEventKind.PriceShock, context.Self, context.Self, Wad.Mul(SupplyGwei, priceBefore - PriceWad, Rounding.Down),
            null, shock.Cause, shock.Depth, "factor=" + Wad.ToDecimalString(MarketFactorWad));
        return true;
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
