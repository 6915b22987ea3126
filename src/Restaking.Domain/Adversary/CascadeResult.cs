namespace Restaking.Domain.Adversary;

/// <summary>
/// The outcome of a <see cref="Dr24Cascade"/>: the shock's stake σ(D), the stake lost to the attacks that followed,
/// the attacks in order (indices of the original network; profit and cost as charged in their round) and σ(V).
/// R_ψ = (shock + cascade) / total (DR24 Section 3); <see cref="Methods"/> names the search used in each round
/// (the final, attack-less round included).
/// </summary>
public sealed record CascadeResult(
    long ShockStakeGwei,
    long CascadeStakeLostGwei,
    IReadOnlyList<Attack> Attacks,
    long TotalStakeGwei,
    IReadOnlyList<string> Methods)
{
    /// <summary>σ(D) + cascade loss: the numerator of R_ψ.</summary>
    public long TotalLostGwei => ShockStakeGwei + CascadeStakeLostGwei;
}
