using Restaking.Domain.Engine;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;

namespace Restaking.Domain.MonteCarlo;

/// <summary>
/// One trial: the scenario with another seed (which draws another generated world: services' kinds and values at
/// risk, operators' services and groups, stakers' operators, assets and amounts), run to the end as the reference
/// engine runs it (a <see cref="RunSession"/>). Only the figures are recorded; the numbers are those
/// <c>restaking run --seed</c> gives.
/// </summary>
public static class MonteCarloTrial
{
    public static TrialResult Run(Scenario scenario, ulong seed, ServiceKindRegistry kinds, CancellationToken cancellation = default)
    {
        var session = new RunSession(scenario with { Seed = seed }, kinds, figuresOnly: true);
        while (!session.Finished)
        {
            cancellation.ThrowIfCancellationRequested();
            session.RunTick();
        }
        return TrialResult.Of(seed, session.Initial.RestakedValueGwei, session.Recorder, session.World);
    }

    /// <summary>Seeds <paramref name="firstSeed"/> … <paramref name="firstSeed"/> + <paramref name="trials"/> − 1, or
    /// null when the last would pass <see cref="ulong.MaxValue"/>.</summary>
    public static ulong? LastSeed(ulong firstSeed, int trials) =>
        trials < 1 || firstSeed > ulong.MaxValue - (ulong)(trials - 1) ? null : firstSeed + (ulong)(trials - 1);
}
