using Restaking.Domain.Cascade;
using Restaking.Domain.Engine;
using Restaking.Domain.Markets;

namespace Restaking.Contracts.Serialization;

// Domain types carry no Orleans attributes (the functional core knows nothing of Orleans), so they cross silos
// through surrogates: https://learn.microsoft.com/dotnet/orleans/host/configuration-guide/serialization#surrogates-for-serializing-foreign-types

[GenerateSerializer, Immutable, Alias("restaking.EntityRef")]
public readonly record struct EntityRefSurrogate([property: Id(0)] byte Kind, [property: Id(1)] int Index);

[RegisterConverter]
public sealed class EntityRefConverter : IConverter<EntityRef, EntityRefSurrogate>
{
    public EntityRef ConvertFromSurrogate(in EntityRefSurrogate s) => new((EntityKind)s.Kind, s.Index);
    public EntityRefSurrogate ConvertToSurrogate(in EntityRef v) => new((byte)v.Kind, v.Index);
}

[GenerateSerializer, Immutable, Alias("restaking.BatchMail")]
public readonly record struct BatchMailSurrogate([property: Id(0)] byte[] Bytes);

[RegisterConverter]
public sealed class BatchMailConverter : IConverter<BatchMail, BatchMailSurrogate>
{
    public BatchMail ConvertFromSurrogate(in BatchMailSurrogate s)
    {
        var envelopes = new List<Envelope>();
        Domain.Checkpoints.CascadeMail.Unpack(s.Bytes, envelopes);
        return new BatchMail(envelopes);
    }

    public BatchMailSurrogate ConvertToSurrogate(in BatchMail v) => new(Domain.Checkpoints.CascadeMail.Pack(v.Envelopes));
}

[GenerateSerializer, Immutable, Alias("restaking.EntityRound")]
public readonly record struct EntityRoundSurrogate([property: Id(0)] CascadeEvent[] Events, [property: Id(1)] EntityRef[] Recipients,
    [property: Id(2)] long[]? Figures, [property: Id(3)] int MessagesSent);

[RegisterConverter]
public sealed class EntityRoundConverter : IConverter<EntityRound, EntityRoundSurrogate>
{
    public EntityRound ConvertFromSurrogate(in EntityRoundSurrogate s) => new(s.Events, s.Recipients, s.Figures, s.MessagesSent);
    public EntityRoundSurrogate ConvertToSurrogate(in EntityRound v) => new([.. v.Events], [.. v.Recipients], v.Figures, v.MessagesSent);
}

[GenerateSerializer, Immutable, Alias("restaking.FinalOperator")]
public readonly record struct FinalOperatorSurrogate([property: Id(0)] bool EverSlashed, [property: Id(1)] AssetPool[] Pools,
    [property: Id(2)] long[] BaseRewardsGwei, [property: Id(3)] long[] ServiceRewardsGwei, [property: Id(4)] long[] PaidByServiceGwei,
    [property: Id(5)] Domain.Operators.CohortPosition[]? Cohorts);

[RegisterConverter]
public sealed class FinalOperatorConverter : IConverter<FinalOperator, FinalOperatorSurrogate>
{
    public FinalOperator ConvertFromSurrogate(in FinalOperatorSurrogate s) =>
        new(s.EverSlashed, s.Pools, s.BaseRewardsGwei, s.ServiceRewardsGwei, s.PaidByServiceGwei, s.Cohorts);
    public FinalOperatorSurrogate ConvertToSurrogate(in FinalOperator v) =>
        new(v.EverSlashed, [.. v.Pools], [.. v.BaseRewardsGwei], [.. v.ServiceRewardsGwei], [.. v.PaidByServiceGwei], v.Cohorts is null ? null : [.. v.Cohorts]);
}

[GenerateSerializer, Immutable, Alias("restaking.AssetPool")]
public readonly record struct AssetPoolSurrogate([property: Id(0)] int Asset, [property: Id(1)] long Shares, [property: Id(2)] long Deposits, [property: Id(3)] long Withdrawn);

[RegisterConverter]
public sealed class AssetPoolConverter : IConverter<AssetPool, AssetPoolSurrogate>
{
    public AssetPool ConvertFromSurrogate(in AssetPoolSurrogate s) => new(s.Asset, s.Shares, s.Deposits, s.Withdrawn);
    public AssetPoolSurrogate ConvertToSurrogate(in AssetPool v) => new(v.Asset, v.Shares, v.Deposits, v.Withdrawn);
}

[GenerateSerializer, Immutable, Alias("restaking.CohortPosition")]
public readonly record struct CohortPositionSurrogate([property: Id(0)] int Staker, [property: Id(1)] int Asset, [property: Id(2)] long DepositShares,
    [property: Id(3)] long WithdrawableShares, [property: Id(4)] int DepositTick, [property: Id(5)] long StartValueGwei, [property: Id(6)] byte Status);

[RegisterConverter]
public sealed class CohortPositionConverter : IConverter<Domain.Operators.CohortPosition, CohortPositionSurrogate>
{
    public Domain.Operators.CohortPosition ConvertFromSurrogate(in CohortPositionSurrogate s) =>
        new(s.Staker, s.Asset, s.DepositShares, s.WithdrawableShares, s.DepositTick, s.StartValueGwei, (Domain.Operators.CohortStatus)s.Status);
    public CohortPositionSurrogate ConvertToSurrogate(in Domain.Operators.CohortPosition v) =>
        new(v.Staker, v.Asset, v.DepositShares, v.WithdrawableShares, v.DepositTick, v.StartValueGwei, (byte)v.Status);
}

[GenerateSerializer, Immutable, Alias("restaking.SecuringStake")]
public readonly record struct SecuringStakeSurrogate([property: Id(0)] int Service, [property: Id(1)] long StakeGwei);

[RegisterConverter]
public sealed class SecuringStakeConverter : IConverter<SecuringStake, SecuringStakeSurrogate>
{
    public SecuringStake ConvertFromSurrogate(in SecuringStakeSurrogate s) => new(s.Service, s.StakeGwei);
    public SecuringStakeSurrogate ConvertToSurrogate(in SecuringStake v) => new(v.Service, v.StakeGwei);
}

[GenerateSerializer, Immutable, Alias("restaking.CascadeEvent")]
public readonly record struct CascadeEventSurrogate(
    [property: Id(0)] int Tick, [property: Id(1)] int Round, [property: Id(2)] byte Kind, [property: Id(3)] EntityRef Source,
    [property: Id(4)] EntityRef Target, [property: Id(5)] long AmountGwei, [property: Id(6)] int Reason, [property: Id(7)] string Cause,
    [property: Id(8)] int Depth, [property: Id(9)] string? Detail);

[RegisterConverter]
public sealed class CascadeEventConverter : IConverter<CascadeEvent, CascadeEventSurrogate>
{
    public CascadeEvent ConvertFromSurrogate(in CascadeEventSurrogate s) =>
        new(s.Tick, s.Round, (CascadeEventKind)s.Kind, s.Source, s.Target, s.AmountGwei, s.Reason < 0 ? null : (SlashReason)s.Reason, s.Cause, s.Depth, s.Detail);
    public CascadeEventSurrogate ConvertToSurrogate(in CascadeEvent v) =>
        new(v.Tick, v.Round, (byte)v.Kind, v.Source, v.Target, v.AmountGwei, v.Reason is { } r ? (int)r : -1, v.Cause, v.Depth, v.Detail);
}

[GenerateSerializer, Immutable, Alias("restaking.FinalToken")]
public readonly record struct FinalTokenSurrogate([property: Id(0)] string Id, [property: Id(1)] long SupplyGwei, [property: Id(2)] long NavWad, [property: Id(3)] long PriceWad,
    [property: Id(4)] MarketFigures? Market);

[RegisterConverter]
public sealed class FinalTokenConverter : IConverter<FinalToken, FinalTokenSurrogate>
{
    public FinalToken ConvertFromSurrogate(in FinalTokenSurrogate s) => new(s.Id, s.SupplyGwei, s.NavWad, s.PriceWad, s.Market);
    public FinalTokenSurrogate ConvertToSurrogate(in FinalToken v) => new(v.Id, v.SupplyGwei, v.NavWad, v.PriceWad, v.Market);
}

[GenerateSerializer, Immutable, Alias("restaking.MarketFigures")]
public readonly record struct MarketFiguresSurrogate([property: Id(0)] VenueFigures[] Venues, [property: Id(1)] LiquidatorFigures[] Liquidators);

[RegisterConverter]
public sealed class MarketFiguresConverter : IConverter<MarketFigures, MarketFiguresSurrogate>
{
    public MarketFigures ConvertFromSurrogate(in MarketFiguresSurrogate s) => new(s.Venues, s.Liquidators);
    public MarketFiguresSurrogate ConvertToSurrogate(in MarketFigures v) => new(v.Venues.ToArray(), v.Liquidators.ToArray());
}

[GenerateSerializer, Immutable, Alias("restaking.VenueFigures")]
public readonly record struct VenueFiguresSurrogate([property: Id(0)] string Id, [property: Id(1)] string Chain, [property: Id(2)] long MinPriceWad,
    [property: Id(3)] int MinPriceTick, [property: Id(4)] int DepegTicks, [property: Id(5)] long FinalPriceWad, [property: Id(6)] long MinEthReserveGwei,
    [property: Id(7)] long FinalEthReserveGwei);

[RegisterConverter]
public sealed class VenueFiguresConverter : IConverter<VenueFigures, VenueFiguresSurrogate>
{
    public VenueFigures ConvertFromSurrogate(in VenueFiguresSurrogate s) =>
        new(s.Id, s.Chain, s.MinPriceWad, s.MinPriceTick, s.DepegTicks, s.FinalPriceWad, s.MinEthReserveGwei, s.FinalEthReserveGwei);
    public VenueFiguresSurrogate ConvertToSurrogate(in VenueFigures v) =>
        new(v.Id, v.Chain, v.MinPriceWad, v.MinPriceTick, v.DepegTicks, v.FinalPriceWad, v.MinEthReserveGwei, v.FinalEthReserveGwei);
}

[GenerateSerializer, Immutable, Alias("restaking.LiquidatorFigures")]
public readonly record struct LiquidatorFiguresSurrogate([property: Id(0)] int Market, [property: Id(1)] long SeizedTokens, [property: Id(2)] long SoldTokens,
    [property: Id(3)] long EthReceivedGwei, [property: Id(4)] long HeldTokens);

[RegisterConverter]
public sealed class LiquidatorFiguresConverter : IConverter<LiquidatorFigures, LiquidatorFiguresSurrogate>
{
    public LiquidatorFigures ConvertFromSurrogate(in LiquidatorFiguresSurrogate s) => new(s.Market, s.SeizedTokens, s.SoldTokens, s.EthReceivedGwei, s.HeldTokens);
    public LiquidatorFiguresSurrogate ConvertToSurrogate(in LiquidatorFigures v) => new(v.Market, v.SeizedTokens, v.SoldTokens, v.EthReceivedGwei, v.HeldTokens);
}

[GenerateSerializer, Immutable, Alias("restaking.FinalLendingMarket")]
public readonly record struct FinalLendingMarketSurrogate([property: Id(0)] string Id, [property: Id(1)] long InitialCollateralTokens,
    [property: Id(2)] long CollateralTokens, [property: Id(3)] long DebtGwei, [property: Id(4)] int PositionsLiquidated,
    [property: Id(5)] long CollateralSeizedTokens, [property: Id(6)] long CollateralSeizedValueGwei, [property: Id(7)] long DebtRepaidGwei,
    [property: Id(8)] long BadDebtGwei, [property: Id(9)] long MinOraclePriceWad);

[RegisterConverter]
public sealed class FinalLendingMarketConverter : IConverter<FinalLendingMarket, FinalLendingMarketSurrogate>
{
    public FinalLendingMarket ConvertFromSurrogate(in FinalLendingMarketSurrogate s) => new(s.Id, s.InitialCollateralTokens, s.CollateralTokens, s.DebtGwei,
        s.PositionsLiquidated, s.CollateralSeizedTokens, s.CollateralSeizedValueGwei, s.DebtRepaidGwei, s.BadDebtGwei, s.MinOraclePriceWad);
    public FinalLendingMarketSurrogate ConvertToSurrogate(in FinalLendingMarket v) => new(v.Id, v.InitialCollateralTokens, v.CollateralTokens, v.DebtGwei,
        v.PositionsLiquidated, v.CollateralSeizedTokens, v.CollateralSeizedValueGwei, v.DebtRepaidGwei, v.BadDebtGwei, v.MinOraclePriceWad);
}
