using Restaking.Domain.Engine;

namespace Restaking.Domain.MonteCarlo;

/// <summary>
/// What one Monte Carlo trial (one full run of the scenario with seed <see cref="Seed"/>) leaves, in gwei.
/// <see cref="LossGwei"/> is the figure the statistics are taken of:
/// <list type="bullet">
/// <item>stake slashed from operators, every reason (faults, attacks, penalties on natively restaked validators), and from
/// their stakers' withdrawals still slashable (EigenLayer queued, Symbiotic pending: summary.json's slashedGwei.total),</item>
/// <item>+ value at risk lost by compromised or drained services (what attackers or exploits took),</item>
/// <item>+ consensus-layer penalties on validators a token owns (backing an LST loses).</item>
/// </list>
/// Not counted: a drained bridge's loss seen again as its wrapped token's lost backing (summary.json's valueLostGwei
/// counts it on both sides), and market-price moves, which re-mark value without taking it
/// (<see cref="RestakedValueDropGwei"/> shows them).
/// </summary>
public sealed record TrialResult(
    ulong Seed,
    long InitialRestakedGwei,
    long FinalRestakedGwei,
    long SlashedGwei,
    long ServiceValueLostGwei,
    long TokenPenaltyGwei,
    int Attacks,
    int MaxContagionDepth,
    int OperatorsSlashed,
    IReadOnlyList<string> ServicesCompromised)
{
    public long LossGwei => checked(SlashedGwei + ServiceValueLostGwei + TokenPenaltyGwei);

    /// <summary>Restaked value at the start less at the end: slashes and penalties, and price moves of restaked tokens.</summary>
    public long RestakedValueDropGwei => InitialRestakedGwei - FinalRestakedGwei;

    /// <summary>The trial's figures from a finished run: its recorder and its world as the run left it.</summary>
    public static TrialResult Of(ulong seed, long initialRestakedGwei, RunRecorder recorder, World world) => new(
        seed,
        initialRestakedGwei,
        world.RestakedValueGwei,
        recorder.SlashedTotal,
        recorder.ServiceValueLostGwei,
        recorder.TokenPenaltyGwei,
        recorder.Attacks,
        recorder.MaxContagionDepth,
        world.Operators.Count(o => o.EverSlashed),
        world.Services.Where(s => s.Compromised).Select(s => s.Profile.Id).ToList());

    /// <summary>Records compare their lists by reference; two results are the same when every figure and id is.</summary>
    public bool Equals(TrialResult? other) =>
        other is not null && Seed == other.Seed && InitialRestakedGwei == other.InitialRestakedGwei && FinalRestakedGwei == other.FinalRestakedGwei
        && SlashedGwei == other.SlashedGwei && ServiceValueLostGwei == other.ServiceValueLostGwei && TokenPenaltyGwei == other.TokenPenaltyGwei
        && Attacks == other.Attacks && MaxContagionDepth == other.MaxContagionDepth && OperatorsSlashed == other.OperatorsSlashed
        && ServicesCompromised.SequenceEqual(other.ServicesCompromised, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Seed, SlashedGwei, ServiceValueLostGwei, TokenPenaltyGwei, ServicesCompromised.Count);
}
