using Restaking.Domain.MonteCarlo;

namespace Restaking.Contracts.Serialization;

// A Domain type crosses silos through a surrogate (see ValueSurrogates.cs).

[GenerateSerializer, Immutable, Alias("restaking.TrialResult")]
public readonly record struct TrialResultSurrogate(
    [property: Id(0)] ulong Seed, [property: Id(1)] long InitialRestakedGwei, [property: Id(2)] long FinalRestakedGwei,
    [property: Id(3)] long SlashedGwei, [property: Id(4)] long ServiceValueLostGwei, [property: Id(5)] long TokenPenaltyGwei,
    [property: Id(6)] int Attacks, [property: Id(7)] int MaxContagionDepth, [property: Id(8)] int OperatorsSlashed,
    [property: Id(9)] string[] ServicesCompromised);

[RegisterConverter]
public sealed class TrialResultConverter : IConverter<TrialResult, TrialResultSurrogate>
{
    public TrialResult ConvertFromSurrogate(in TrialResultSurrogate s) => new(s.Seed, s.InitialRestakedGwei, s.FinalRestakedGwei, s.SlashedGwei,
        s.ServiceValueLostGwei, s.TokenPenaltyGwei, s.Attacks, s.MaxContagionDepth, s.OperatorsSlashed, s.ServicesCompromised);

    public TrialResultSurrogate ConvertToSurrogate(in TrialResult v) => new(v.Seed, v.InitialRestakedGwei, v.FinalRestakedGwei, v.SlashedGwei,
        v.ServiceValueLostGwei, v.TokenPenaltyGwei, v.Attacks, v.MaxContagionDepth, v.OperatorsSlashed, v.ServicesCompromised.ToArray());
}
