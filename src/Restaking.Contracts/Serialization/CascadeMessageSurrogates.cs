using Restaking.Domain.Cascade;

namespace Restaking.Contracts.Serialization;

// One surrogate per cascade message (see ValueSurrogates.cs for why). Lists travel as arrays.

[GenerateSerializer, Immutable, Alias("restaking.EquivocationProven")]
public readonly record struct EquivocationProvenSurrogate([property: Id(0)] int Operator, [property: Id(1)] string Cause);

[RegisterConverter]
public sealed class EquivocationProvenConverter : IConverter<EquivocationProven, EquivocationProvenSurrogate>
{
    public EquivocationProven ConvertFromSurrogate(in EquivocationProvenSurrogate s) => new(s.Operator, s.Cause);
    public EquivocationProvenSurrogate ConvertToSurrogate(in EquivocationProven v) => new(v.Operator, v.Cause);
}

[GenerateSerializer, Immutable, Alias("restaking.RogueSlashing")]
public readonly record struct RogueSlashingSurrogate([property: Id(0)] long? FractionWad, [property: Id(1)] string Cause);

[RegisterConverter]
public sealed class RogueSlashingConverter : IConverter<RogueSlashing, RogueSlashingSurrogate>
{
    public RogueSlashing ConvertFromSurrogate(in RogueSlashingSurrogate s) => new(s.FractionWad, s.Cause);
    public RogueSlashingSurrogate ConvertToSurrogate(in RogueSlashing v) => new(v.FractionWad, v.Cause);
}

[GenerateSerializer, Immutable, Alias("restaking.OutageReported")]
public readonly record struct OutageReportedSurrogate([property: Id(0)] int[] Operators, [property: Id(1)] string Cause);

[RegisterConverter]
public sealed class OutageReportedConverter : IConverter<OutageReported, OutageReportedSurrogate>
{
    public OutageReported ConvertFromSurrogate(in OutageReportedSurrogate s) => new(s.Operators, s.Cause);
    public OutageReportedSurrogate ConvertToSurrogate(in OutageReported v) => new(v.Operators.ToArray(), v.Cause);
}

[GenerateSerializer, Immutable, Alias("restaking.BridgeDrained")]
public readonly record struct BridgeDrainedSurrogate([property: Id(0)] long AmountGwei, [property: Id(1)] string Cause);

[RegisterConverter]
public sealed class BridgeDrainedConverter : IConverter<BridgeDrained, BridgeDrainedSurrogate>
{
    public BridgeDrained ConvertFromSurrogate(in BridgeDrainedSurrogate s) => new(s.AmountGwei, s.Cause);
    public BridgeDrainedSurrogate ConvertToSurrogate(in BridgeDrained v) => new(v.AmountGwei, v.Cause);
}

[GenerateSerializer, Immutable, Alias("restaking.MassSlashing")]
public readonly record struct MassSlashingSurrogate([property: Id(0)] int[] Groups, [property: Id(1)] long FractionWad, [property: Id(2)] long OtherSlashedGwei, [property: Id(3)] string Cause);

[RegisterConverter]
public sealed class MassSlashingConverter : IConverter<MassSlashing, MassSlashingSurrogate>
{
    public MassSlashing ConvertFromSurrogate(in MassSlashingSurrogate s) => new(s.Groups, s.FractionWad, s.OtherSlashedGwei, s.Cause);
    public MassSlashingSurrogate ConvertToSurrogate(in MassSlashing v) => new(v.Groups.ToArray(), v.FractionWad, v.OtherSlashedGwei, v.Cause);
}

[GenerateSerializer, Immutable, Alias("restaking.PriceShock")]
public readonly record struct PriceShockSurrogate([property: Id(0)] long FractionWad, [property: Id(1)] string Cause);

[RegisterConverter]
public sealed class PriceShockConverter : IConverter<PriceShock, PriceShockSurrogate>
{
    public PriceShock ConvertFromSurrogate(in PriceShockSurrogate s) => new(s.FractionWad, s.Cause);
    public PriceShockSurrogate ConvertToSurrogate(in PriceShock v) => new(v.FractionWad, v.Cause);
}

[GenerateSerializer, Immutable, Alias("restaking.TickDue")]
public readonly record struct TickDueSurrogate([property: Id(0)] string Cause);

[RegisterConverter]
public sealed class TickDueConverter : IConverter<TickDue, TickDueSurrogate>
{
    public TickDue ConvertFromSurrogate(in TickDueSurrogate s) => new(s.Cause);
    public TickDueSurrogate ConvertToSurrogate(in TickDue v) => new(v.Cause);
}

[GenerateSerializer, Immutable, Alias("restaking.SlashingRequest")]
public readonly record struct SlashingRequestSurrogate([property: Id(0)] int Service, [property: Id(1)] long WadsToSlash, [property: Id(2)] int Reason, [property: Id(3)] string Cause, [property: Id(4)] int Depth,
    [property: Id(5)] long? AmountGwei, [property: Id(6)] string? Recipient, [property: Id(7)] int? CaptureTick);

[RegisterConverter]
public sealed class SlashingRequestConverter : IConverter<SlashingRequest, SlashingRequestSurrogate>
{
    public SlashingRequest ConvertFromSurrogate(in SlashingRequestSurrogate s) => new(s.Service, s.WadsToSlash, (SlashReason)s.Reason, s.Cause, s.Depth, s.AmountGwei, s.Recipient, s.CaptureTick);
    public SlashingRequestSurrogate ConvertToSurrogate(in SlashingRequest v) => new(v.Service, v.WadsToSlash, (int)v.Reason, v.Cause, v.Depth, v.AmountGwei, v.Recipient, v.CaptureTick);
}

[GenerateSerializer, Immutable, Alias("restaking.ValidatorPenalty")]
public readonly record struct ValidatorPenaltySurrogate([property: Id(0)] string ValidatorGroup, [property: Id(1)] long AmountGwei, [property: Id(2)] string Cause, [property: Id(3)] int Depth);

[RegisterConverter]
public sealed class ValidatorPenaltyConverter : IConverter<ValidatorPenalty, ValidatorPenaltySurrogate>
{
    public ValidatorPenalty ConvertFromSurrogate(in ValidatorPenaltySurrogate s) => new(s.ValidatorGroup, s.AmountGwei, s.Cause, s.Depth);
    public ValidatorPenaltySurrogate ConvertToSurrogate(in ValidatorPenalty v) => new(v.ValidatorGroup, v.AmountGwei, v.Cause, v.Depth);
}

[GenerateSerializer, Immutable, Alias("restaking.OperatorStakeChanged")]
public readonly record struct OperatorStakeChangedSurrogate([property: Id(0)] int Operator, [property: Id(1)] long ValueGwei, [property: Id(2)] SecuringStake[] Securing, [property: Id(3)] AssetPool[] Pools, [property: Id(4)] string Cause, [property: Id(5)] int Depth);

[RegisterConverter]
public sealed class OperatorStakeChangedConverter : IConverter<OperatorStakeChanged, OperatorStakeChangedSurrogate>
{
    public OperatorStakeChanged ConvertFromSurrogate(in OperatorStakeChangedSurrogate s) => new(s.Operator, s.ValueGwei, s.Securing, s.Pools, s.Cause, s.Depth);
    public OperatorStakeChangedSurrogate ConvertToSurrogate(in OperatorStakeChanged v) => new(v.Operator, v.ValueGwei, v.Securing.ToArray(), v.Pools.ToArray(), v.Cause, v.Depth);
}

[GenerateSerializer, Immutable, Alias("restaking.TokenPriceChanged")]
public readonly record struct TokenPriceChangedSurrogate([property: Id(0)] int Token, [property: Id(1)] long NavWad, [property: Id(2)] long PriceWad, [property: Id(3)] string Cause, [property: Id(4)] int Depth,
    [property: Id(5)] long[]? VenuePricesWad);

[RegisterConverter]
public sealed class TokenPriceChangedConverter : IConverter<TokenPriceChanged, TokenPriceChangedSurrogate>
{
    public TokenPriceChanged ConvertFromSurrogate(in TokenPriceChangedSurrogate s) => new(s.Token, s.NavWad, s.PriceWad, s.Cause, s.Depth, s.VenuePricesWad);
    public TokenPriceChangedSurrogate ConvertToSurrogate(in TokenPriceChanged v) => new(v.Token, v.NavWad, v.PriceWad, v.Cause, v.Depth, v.VenuePricesWad?.ToArray());
}

[GenerateSerializer, Immutable, Alias("restaking.AttackLaunched")]
public readonly record struct AttackLaunchedSurrogate([property: Id(0)] int AttackNumber, [property: Id(1)] int[] Services, [property: Id(2)] int[] Operators, [property: Id(3)] string Cause, [property: Id(4)] int Depth);

[RegisterConverter]
public sealed class AttackLaunchedConverter : IConverter<AttackLaunched, AttackLaunchedSurrogate>
{
    public AttackLaunched ConvertFromSurrogate(in AttackLaunchedSurrogate s) => new(s.AttackNumber, s.Services, s.Operators, s.Cause, s.Depth);
    public AttackLaunchedSurrogate ConvertToSurrogate(in AttackLaunched v) => new(v.AttackNumber, v.Services.ToArray(), v.Operators.ToArray(), v.Cause, v.Depth);
}

[GenerateSerializer, Immutable, Alias("restaking.ServiceCompromised")]
public readonly record struct ServiceCompromisedSurrogate([property: Id(0)] int Service, [property: Id(1)] string Cause, [property: Id(2)] int Depth);

[RegisterConverter]
public sealed class ServiceCompromisedConverter : IConverter<ServiceCompromised, ServiceCompromisedSurrogate>
{
    public ServiceCompromised ConvertFromSurrogate(in ServiceCompromisedSurrogate s) => new(s.Service, s.Cause, s.Depth);
    public ServiceCompromisedSurrogate ConvertToSurrogate(in ServiceCompromised v) => new(v.Service, v.Cause, v.Depth);
}

[GenerateSerializer, Immutable, Alias("restaking.BackingDrained")]
public readonly record struct BackingDrainedSurrogate([property: Id(0)] int Service, [property: Id(1)] long AmountGwei, [property: Id(2)] string Cause, [property: Id(3)] int Depth);

[RegisterConverter]
public sealed class BackingDrainedConverter : IConverter<BackingDrained, BackingDrainedSurrogate>
{
    public BackingDrained ConvertFromSurrogate(in BackingDrainedSurrogate s) => new(s.Service, s.AmountGwei, s.Cause, s.Depth);
    public BackingDrainedSurrogate ConvertToSurrogate(in BackingDrained v) => new(v.Service, v.AmountGwei, v.Cause, v.Depth);
}

[GenerateSerializer, Immutable, Alias("restaking.ExitWave")]
public readonly record struct ExitWaveSurrogate([property: Id(0)] long Tokens, [property: Id(1)] string Cause);

[RegisterConverter]
public sealed class ExitWaveConverter : IConverter<ExitWave, ExitWaveSurrogate>
{
    public ExitWave ConvertFromSurrogate(in ExitWaveSurrogate s) => new(s.Tokens, s.Cause);
    public ExitWaveSurrogate ConvertToSurrogate(in ExitWave v) => new(v.Tokens, v.Cause);
}

[GenerateSerializer, Immutable, Alias("restaking.CollateralSold")]
public readonly record struct CollateralSoldSurrogate([property: Id(0)] int Market, [property: Id(1)] long Tokens, [property: Id(2)] string Cause, [property: Id(3)] int Depth);

[RegisterConverter]
public sealed class CollateralSoldConverter : IConverter<CollateralSold, CollateralSoldSurrogate>
{
    public CollateralSold ConvertFromSurrogate(in CollateralSoldSurrogate s) => new(s.Market, s.Tokens, s.Cause, s.Depth);
    public CollateralSoldSurrogate ConvertToSurrogate(in CollateralSold v) => new(v.Market, v.Tokens, v.Cause, v.Depth);
}

[GenerateSerializer, Immutable, Alias("restaking.WithdrawalWave")]
public readonly record struct WithdrawalWaveSurrogate([property: Id(0)] long FractionWad, [property: Id(1)] int? Asset, [property: Id(2)] string Cause);

[RegisterConverter]
public sealed class WithdrawalWaveConverter : IConverter<WithdrawalWave, WithdrawalWaveSurrogate>
{
    public WithdrawalWave ConvertFromSurrogate(in WithdrawalWaveSurrogate s) => new(s.FractionWad, s.Asset, s.Cause);
    public WithdrawalWaveSurrogate ConvertToSurrogate(in WithdrawalWave v) => new(v.FractionWad, v.Asset, v.Cause);
}

[GenerateSerializer, Immutable, Alias("restaking.Reallocation")]
public readonly record struct ReallocationSurrogate([property: Id(0)] int Service, [property: Id(1)] long MagnitudeWad, [property: Id(2)] string Cause);

[RegisterConverter]
public sealed class ReallocationConverter : IConverter<Reallocation, ReallocationSurrogate>
{
    public Reallocation ConvertFromSurrogate(in ReallocationSurrogate s) => new(s.Service, s.MagnitudeWad, s.Cause);
    public ReallocationSurrogate ConvertToSurrogate(in Reallocation v) => new(v.Service, v.MagnitudeWad, v.Cause);
}

[GenerateSerializer, Immutable, Alias("restaking.VaultLimitChange")]
public readonly record struct VaultLimitChangeSurrogate([property: Id(0)] int Service, [property: Id(1)] int? Operator, [property: Id(2)] long LimitGwei, [property: Id(3)] string Cause);

[RegisterConverter]
public sealed class VaultLimitChangeConverter : IConverter<VaultLimitChange, VaultLimitChangeSurrogate>
{
    public VaultLimitChange ConvertFromSurrogate(in VaultLimitChangeSurrogate s) => new(s.Service, s.Operator, s.LimitGwei, s.Cause);
    public VaultLimitChangeSurrogate ConvertToSurrogate(in VaultLimitChange v) => new(v.Service, v.Operator, v.LimitGwei, v.Cause);
}

[GenerateSerializer, Immutable, Alias("restaking.StakerDeposit")]
public readonly record struct StakerDepositSurrogate([property: Id(0)] int Staker, [property: Id(1)] string Cause);

[RegisterConverter]
public sealed class StakerDepositConverter : IConverter<StakerDeposit, StakerDepositSurrogate>
{
    public StakerDeposit ConvertFromSurrogate(in StakerDepositSurrogate s) => new(s.Staker, s.Cause);
    public StakerDepositSurrogate ConvertToSurrogate(in StakerDeposit v) => new(v.Staker, v.Cause);
}

[GenerateSerializer, Immutable, Alias("restaking.StakerWithdrawal")]
public readonly record struct StakerWithdrawalSurrogate([property: Id(0)] int Staker, [property: Id(1)] string Cause);

[RegisterConverter]
public sealed class StakerWithdrawalConverter : IConverter<StakerWithdrawal, StakerWithdrawalSurrogate>
{
    public StakerWithdrawal ConvertFromSurrogate(in StakerWithdrawalSurrogate s) => new(s.Staker, s.Cause);
    public StakerWithdrawalSurrogate ConvertToSurrogate(in StakerWithdrawal v) => new(v.Staker, v.Cause);
}
