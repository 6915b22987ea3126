namespace Restaking.Domain.Adversary;

/// <summary>Operator <see cref="Operator"/> secures service <see cref="Service"/> with <see cref="SecuringStakeGwei"/>
/// (σ_{v,s}; equal to σ_v under <see cref="AttackCost.Pooled"/>).</summary>
public readonly record struct NetworkEdge(int Operator, int Service, long SecuringStakeGwei);
