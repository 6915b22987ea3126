namespace Restaking.Domain.Rewards;

/// <summary>What a run pays, resolved per service index: the base APR, each service's APR and the tick length.</summary>
public sealed record RewardTerms(long BaseAprWad, IReadOnlyList<long> ServiceAprWads, int TickSeconds);
