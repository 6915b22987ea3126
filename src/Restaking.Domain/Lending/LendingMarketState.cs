using System.Globalization;
using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Scenarios;

namespace Restaking.Domain.Lending;

/// <summary>
/// A lending market in the cascade: it holds looped positions on one token, reads that token's market price or NAV
/// (its oracle, a scenario choice that decides whether a depeg alone liquidates), liquidates what falls below a health
/// factor of 1 and has its liquidators sell the seized collateral into the token's pool — whose lower price comes back
/// as the next round's oracle reading. That loop is how the ezETH depeg of 2024-04-24 became > $60M of liquidations.
/// </summary>
public sealed class LendingMarketState : ICascadeParticipant
{
    private LendingMarket market;
    private long oraclePriceWad;

    public LendingMarketState(int index, LendingMarketSpec spec, int collateralToken, long entryPriceWad, long entryNavWad)
    {
        Index = index;
        Spec = spec;
        CollateralToken = collateralToken;
        market = new LendingMarket(new LendingParameters(spec.LtvWad, spec.LiquidationThresholdWad, spec.LiquidationBonusWad));
        // Loops are opened at tick 0 at the price the market pays for the token.
        foreach (var loop in spec.Loops)
            for (int i = 0; i < loop.Count; i++)
                market.Open(LendingPosition.Loop(loop.EquityGwei, loop.LeverageBps, entryPriceWad, spec.LtvWad));
        oraclePriceWad = spec.Oracle == OracleSource.Market ? entryPriceWad : entryNavWad;
    }

    public int Index { get; }
    public LendingMarketSpec Spec { get; }
    public int CollateralToken { get; }
    public long BadDebtGwei => market.BadDebtGwei;
    public long TotalDebtGwei => market.TotalDebtGwei;

    public void Handle(IReadOnlyList<Envelope> inbox, CascadeContext context)
    {
        foreach (var envelope in inbox)
        {
            if (envelope.Message is not TokenPriceChanged change)
                throw new InvalidOperationException($"lending market cannot handle {envelope.Message.GetType().Name}");
            if (change.Token != CollateralToken) continue;
            oraclePriceWad = Spec.Oracle == OracleSource.Market ? change.PriceWad : change.NavWad;
            Liquidate(change, context);
        }
    }

    private void Liquidate(TokenPriceChanged trigger, CascadeContext context)
    {
        var round = market.Liquidate(oraclePriceWad);
        if (round.Liquidations == 0) return;
        context.Record(CascadeEventKind.Liquidation, EntityRef.Token(CollateralToken), context.Self, round.DebtRepaidGwei, null, trigger.Cause,
            trigger.Depth, string.Create(CultureInfo.InvariantCulture,
                $"positions={round.Liquidations};seized_tokens={round.CollateralSeizedTokens};oracle_price={oraclePriceWad}"));
        if (round.BadDebtGwei > 0)
            context.Record(CascadeEventKind.BadDebt, EntityRef.Token(CollateralToken), context.Self, round.BadDebtGwei, null, trigger.Cause, trigger.Depth);
        if (round.CollateralSeizedTokens > 0)
            context.Send(EntityRef.Token(CollateralToken), new CollateralSold(Index, round.CollateralSeizedTokens, trigger.Cause, trigger.Depth + 1));
    }

    public string CheckpointKind => "lending-market";
    public string CheckpointId => Spec.Id;

    /// <summary>Every position, bad debt so far, and the oracle price last read.</summary>
    public void SaveState(CheckpointWriter writer)
    {
        writer.WriteLongs(market.Save());
        writer.WriteLong(oraclePriceWad);
    }

    public void RestoreState(CheckpointReader reader)
    {
        market = LendingMarket.Restore(reader.ReadLongs());
        oraclePriceWad = reader.ReadLong();
    }
}
