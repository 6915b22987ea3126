namespace Restaking.Domain.Adversary;

/// <summary>A connected component of the restaking graph: services and operators linked by edges, each list ascending.
/// Attacks on different components never interact (feasibility only looks at N(s)), so searches run per component.</summary>
public sealed record NetworkComponent(IReadOnlyList<int> Services, IReadOnlyList<int> Operators);
