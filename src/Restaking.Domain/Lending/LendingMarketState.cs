using System.Globalization;
using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Scenarios;

namespace Restaking.Domain.Lending;

/// <summary>
/// A lending market in the cascade: it holds looped positions on one token, reads that token's market price, one of its
/// venues' or its NAV (its oracle, a scenario choice that decides whether a depeg alone liquidates), liquidates what falls
/// below a health factor of 1 and has its liquidators sell the seized collateral into the token's market — whose lower
/// price comes back as the next round's oracle reading. That loop is how the ezETH depeg of 2024-04-24 became > $60M of
/// liquidations.
/// </summary>
public sealed class LendingMarketState : ICascadeParticipant
{
    private LendingMarket market;
    private long oraclePriceWad;
    private long minOraclePriceWad;
    private int positionsLiquidated;
    private long seizedTokens;
    private long seizedValueGwei;
    private long repaidGwei;
    /// <summary>The price its oracle service last reported, which overrides the token's (null: none reported).</summary>
    private long? reportedPriceWad;

    /// <param name="oracleVenue">The venue (index in the collateral's market) a market oracle reads, if it reads one.</param>
    public LendingMarketState(int index, LendingMarketSpec spec, int collateralToken, long entryPriceWad, long entryNavWad, int? oracleVenue = null,
        long? entryVenuePriceWad = null)
    {
        Index = index;
        Spec = spec;
        CollateralToken = collateralToken;
        OracleVenue = oracleVenue;
        market = new LendingMarket(new LendingParameters(spec.LtvWad, spec.LiquidationThresholdWad, spec.LiquidationBonusWad,
            spec.CloseFactorWad ?? LendingParameters.AaveCloseFactorWad));
        // Loops are opened at tick 0 at the price the market pays for the token.
        foreach (var loop in spec.Loops)
            for (int i = 0; i < loop.Count; i++)
                market.Open(LendingPosition.Loop(loop.EquityGwei, loop.LeverageBps, entryPriceWad, spec.LtvWad));
        InitialCollateralTokens = market.TotalCollateralTokens;
        oraclePriceWad = spec.Oracle == OracleSource.Market ? entryVenuePriceWad ?? entryPriceWad : entryNavWad;
        minOraclePriceWad = oraclePriceWad;
    }

    public int Index { get; }
    public LendingMarketSpec Spec { get; }
    public int CollateralToken { get; }
    public int? OracleVenue { get; }
    public long InitialCollateralTokens { get; }
    public long BadDebtGwei => market.BadDebtGwei;
    public long TotalDebtGwei => market.TotalDebtGwei;

    /// <summary>What summary.json reports of this market.</summary>
    public Engine.FinalLendingMarket Final => new(Spec.Id, InitialCollateralTokens, market.TotalCollateralTokens, market.TotalDebtGwei,
        positionsLiquidated, seizedTokens, seizedValueGwei, repaidGwei, market.BadDebtGwei, minOraclePriceWad);

    public void Handle(IReadOnlyList<Envelope> inbox, CascadeContext context)
    {
        foreach (var envelope in inbox)
        {
            switch (envelope.Message)
            {
                case OraclePriceReported report:
                    // The oracle service's report stands from now on: a corrupted oracle's false price is what the market reads.
                    reportedPriceWad = report.PriceWad;
                    context.Record(CascadeEventKind.OracleReport, EntityRef.Service(report.Service), context.Self, report.PriceWad, null,
                        report.Cause, report.Depth);
                    oraclePriceWad = report.PriceWad;
                    minOraclePriceWad = Math.Min(minOraclePriceWad, oraclePriceWad);
                    Liquidate(report, context);
                    break;
                case TokenPriceChanged change:
                    if (change.Token != CollateralToken) continue;
                    oraclePriceWad = reportedPriceWad ?? (Spec.Oracle != OracleSource.Market ? change.NavWad
                        : OracleVenue is { } venue && change.VenuePricesWad is { } venues ? venues[venue] : change.PriceWad);
                    minOraclePriceWad = Math.Min(minOraclePriceWad, oraclePriceWad);
                    Liquidate(change, context);
                    break;
                default:
                    throw new InvalidOperationException($"lending market cannot handle {envelope.Message.GetType().Name}");
            }
        }
    }

    private void Liquidate(CascadeMessage trigger, CascadeContext context)
    {
        var round = market.Liquidate(oraclePriceWad);
        if (round.Liquidations == 0) return;
        positionsLiquidated += round.Liquidations;
        seizedTokens += round.CollateralSeizedTokens;
        // What liquidation dashboards count: the collateral at the oracle price it was seized at.
        seizedValueGwei += Units.Wad.Mul(round.CollateralSeizedTokens, oraclePriceWad, Units.Rounding.Down);
        repaidGwei += round.DebtRepaidGwei;
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

    /// <summary>Every position, bad debt so far, the oracle price last read and its low, what liquidations took so far.</summary>
    public void SaveState(CheckpointWriter writer)
    {
        writer.WriteLongs(market.Save());
        writer.WriteLong(oraclePriceWad);
        writer.WriteLong(minOraclePriceWad);
        writer.WriteInt(positionsLiquidated);
        writer.WriteLong(seizedTokens);
        writer.WriteLong(seizedValueGwei);
        writer.WriteLong(repaidGwei);
        writer.WriteNullableLong(reportedPriceWad);
    }

    public void RestoreState(CheckpointReader reader)
    {
        market = LendingMarket.Restore(reader.ReadLongs());
        oraclePriceWad = reader.ReadLong();
        minOraclePriceWad = reader.ReadLong();
        positionsLiquidated = reader.ReadInt();
        seizedTokens = reader.ReadLong();
        seizedValueGwei = reader.ReadLong();
        repaidGwei = reader.ReadLong();
        reportedPriceWad = reader.ReadNullableLong();
    }
}
