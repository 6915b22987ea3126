namespace Restaking.Domain.Adversary;

/// <summary>The attack found (null: none found) and how: "exact", "heuristic", "exact+heuristic" or "off".
/// Only "exact" (or "off") results prove there is no profitable attack.</summary>
public sealed record AttackSearchResult(Attack? Attack, string Method);
