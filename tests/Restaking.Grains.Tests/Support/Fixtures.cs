using Orleans.Hosting;
using Orleans.TestingHost;
using Restaking.Contracts;
using Restaking.Grains;
using Restaking.Silo;

namespace Restaking.Grains.Tests.Support;

/// <summary>
/// One embedded silo (the CLI's host, without the dashboard) for the whole test assembly, with the test's plug-in
/// kind registered through <see cref="EmbeddedSiloOptions.Kinds"/>. Every run gets its own run id, so tests that
/// share it never share grains.
/// </summary>
public sealed class OneSiloFixture : IAsyncLifetime
{
    private EmbeddedSilo? silo;

    public IClusterClient Client => silo?.Client ?? throw new InvalidOperationException("the silo has not started");

    public OrleansEngine Engine => new(Client);

    public async ValueTask InitializeAsync() =>
        silo = await EmbeddedSilo.StartAsync(new EmbeddedSiloOptions(DashboardPort: null, Kinds: TestKinds.Catalog));

    public async ValueTask DisposeAsync()
    {
        if (silo is not null) await silo.DisposeAsync();
    }
}

/// <summary>
/// Three silos in this process (<see cref="InProcessTestCluster"/>, in-memory transport: every cross-silo call is
/// serialized), each configured by <see cref="RestakingSiloBuilder.AddRestaking"/> as a real silo would be.
/// </summary>
public class ThreeSiloFixture : IAsyncLifetime
{
    public const int Silos = 3;

    /// <summary>How cascade batches travel: the default here, the stream transports in subclasses.</summary>
    protected virtual CascadeTransport Transport => CascadeTransportOptions.DefaultTransport;

    private InProcessTestCluster? cluster;

    public InProcessTestCluster Cluster => cluster ?? throw new InvalidOperationException("the cluster has not started");

    public IClusterClient Client => Cluster.Client;

    public OrleansEngine Engine => new(Client);

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(Silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddRestaking(TestKinds.Catalog, Transport));
        builder.ConfigureClient(client => client.AddMemoryStreams(RunStreams.Provider));
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (cluster is not null) await cluster.DisposeAsync();
    }
}

/// <summary>Three silos whose cascade travels over the broadcast channel.</summary>
public sealed class ThreeSiloChannelFixture : ThreeSiloFixture
{
    protected override CascadeTransport Transport => CascadeTransport.BroadcastChannel;
}

/// <summary>Three silos whose cascade travels over memory streams.</summary>
public sealed class ThreeSiloStreamsFixture : ThreeSiloFixture
{
    protected override CascadeTransport Transport => CascadeTransport.MemoryStreams;
}
