namespace Restaking.Domain.Adversary;

/// <summary>Operator <see cref="Operator"/> secures service <see cref="Service"/> with <see cref="SecuringStakeGwei"/>
/// (σ_{v,s}; equal to σ_v in DR24's pooled form, at most σ_v for a Symbiotic full-restake operator with limits).</summary>
public readonly record struct NetworkEdge(int Operator, int Service, long SecuringStakeGwei);
