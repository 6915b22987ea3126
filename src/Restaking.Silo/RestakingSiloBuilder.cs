using Microsoft.Extensions.DependencyInjection;
using Restaking.Contracts;
using Restaking.Grains.Runs;
using Restaking.Grains.Services;

namespace Restaking.Silo;

/// <summary>What every Restaking silo needs, whatever its clustering: the run stream, the service kinds, the
/// per-silo run worlds.</summary>
public static class RestakingSiloBuilder
{
    /// <param name="kinds">Service kinds (default: bridge, oracle, DA layer); plug-ins register theirs here.</param>
    public static ISiloBuilder AddRestaking(this ISiloBuilder silo, ServiceKindCatalog? kinds = null)
    {
        silo.AddMemoryGrainStorage("PubSubStore");
        silo.AddMemoryStreams(RunStreams.Provider);
        silo.Services.AddSingleton(kinds ?? ServiceKindCatalog.CreateDefault());
        silo.Services.AddSingleton<RunWorlds>();
        return silo;
    }
}
