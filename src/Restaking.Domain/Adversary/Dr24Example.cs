namespace Restaking.Domain.Adversary;

/// <summary>A hand-built network from DR24 with the shock that exposes it (operator indices of <see cref="Network"/>).</summary>
public sealed record Dr24Example(AttackNetwork Network, IReadOnlyList<int> ShockedOperators, string Description);
