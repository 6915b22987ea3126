namespace Restaking.Domain.Adversary;

/// <summary>What an attacking operator loses, and which stake counts towards a service's attack threshold.</summary>
public enum AttackCost
{
    /// <summary>Full restake, the model of DR24 (Section 2): every edge (v, s) is backed by all of σ_v, and an attacker
    /// forfeits all its stake, so cost(A, B) = σ(B).</summary>
    Pooled,
    /// <summary>EigenLayer unique stake (ELIP-002): edge (v, s) is backed only by the stake σ_{v,s} that v allocated to s,
    /// and an attacker forfeits only its allocations to the attacked services:
    /// cost(A, B) = Σ_{v∈B} Σ_{s∈A∩N(v)} σ_{v,s}.</summary>
    Isolated,
}
