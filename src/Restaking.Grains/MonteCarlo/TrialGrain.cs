using Orleans.Placement;
using Restaking.Contracts;
using Restaking.Domain.MonteCarlo;
using Restaking.Grains.Services;

namespace Restaking.Grains.MonteCarlo;

/// <summary>
/// One Monte Carlo trial on whichever silo random placement picks (one activation per trial key, so the trials of a
/// run spread over the cluster; a stateless worker would stay on the caller's silo). The trial is CPU-bound for
/// up to seconds, so it runs on the thread pool and the silo's scheduler keeps serving messages meanwhile.
/// </summary>
[RandomPlacement]
public sealed class TrialGrain(ServiceKindCatalog kinds, ILocalSiloDetails silo) : Grain, ITrialGrain
{
    public async Task<TrialOutcome> Run(TrialRequest request)
    {
        var scenario = TrialScenarios.Get(request.FileName, request.ScenarioJson, kinds);
        var result = await Task.Run(() => MonteCarloTrial.Run(scenario, request.Seed, kinds.Behaviours));
        // Nothing to keep: the activation goes now rather than after the idle collection age.
        DeactivateOnIdle();
        return new TrialOutcome(result, silo.SiloAddress.ToString());
    }
}
