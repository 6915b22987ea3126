using Restaking.Domain.MonteCarlo;

namespace Restaking.Contracts;

/// <summary>
/// Runs one Monte Carlo trial (key <c>"{monteCarloId}/{seed}"</c>, one activation per trial so random placement
/// spreads the trials over the silos). Stateless: the answer depends only on the request.
/// </summary>
public interface ITrialGrain : IGrainWithStringKey
{
    /// <summary>A trial is a whole run: far longer than the default 30 s response timeout allows on a large world.</summary>
    [ResponseTimeout("00:30:00")]
    Task<TrialOutcome> Run(TrialRequest request);
}

/// <summary>
/// One trial: the scenario file's text (each silo parses it once and keeps it by content hash), the file name for
/// error messages, and the seed that draws this trial's world.
/// </summary>
[GenerateSerializer, Immutable, Alias("restaking.TrialRequest")]
public sealed record TrialRequest(
    [property: Id(0)] string FileName,
    [property: Id(1)] string ScenarioJson,
    [property: Id(2)] ulong Seed);

/// <summary>A trial's figures and the silo that ran it (for the spread, never for the outputs).</summary>
[GenerateSerializer, Immutable, Alias("restaking.TrialOutcome")]
public sealed record TrialOutcome(
    [property: Id(0)] TrialResult Result,
    [property: Id(1)] string Silo);
