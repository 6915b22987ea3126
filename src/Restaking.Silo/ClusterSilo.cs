using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Restaking.Grains;
using Restaking.Grains.Services;

namespace Restaking.Silo;

/// <summary>How to host one silo of a cluster.</summary>
/// <param name="SiloPort">Silo-to-silo port.</param>
/// <param name="GatewayPort">Client gateway port.</param>
/// <param name="WebPort">Dashboard port; null: no dashboard.</param>
/// <param name="Bind">Address every listener binds (default loopback: nothing open beyond this machine).</param>
/// <param name="Advertise">Address other silos and clients reach this one at; default <paramref name="Bind"/>
/// (required when binding every interface).</param>
public sealed record ClusterSiloOptions(ClusterConnection Cluster, int SiloPort, int GatewayPort, int? WebPort, IPAddress Bind,
    IPAddress? Advertise = null, ServiceKindCatalog? Kinds = null, LogLevel LogLevel = LogLevel.Warning,
    CascadeTransport Transport = CascadeTransportOptions.DefaultTransport)
{
    public IPAddress Advertised => Advertise ?? (Bind.Equals(IPAddress.Any) || Bind.Equals(IPAddress.IPv6Any)
        ? throw new ArgumentException("binding every interface needs an address to advertise (--advertise)")
        : Bind);
}

/// <summary>
/// One silo of a multi-process cluster: Redis membership (Microsoft.Orleans.Clustering.Redis) and Redis checkpoint
/// storage (Microsoft.Orleans.Persistence.Redis), the dashboard on its own web port.
/// </summary>
public sealed class ClusterSilo : IAsyncDisposable
{
    private readonly WebApplication app;

    private ClusterSilo(WebApplication app, string? dashboardUrl, SiloAddress address)
    {
        this.app = app;
        DashboardUrl = dashboardUrl;
        Address = address;
    }

    public string? DashboardUrl { get; }

    public SiloAddress Address { get; }

    public static async Task<ClusterSilo> StartAsync(ClusterSiloOptions options, CancellationToken cancellation = default)
    {
        var advertised = options.Advertised;
        var redis = options.Cluster.RedisOptions();
        var builder = SiloWebHost.CreateBuilder(options.LogLevel);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.Cluster.ClusterId;
                o.ServiceId = ClusterConnection.ServiceId;
            });
            silo.Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = advertised;
                o.SiloPort = options.SiloPort;
                o.GatewayPort = options.GatewayPort;
                o.SiloListeningEndpoint = new IPEndPoint(options.Bind, options.SiloPort);
                o.GatewayListeningEndpoint = new IPEndPoint(options.Bind, options.GatewayPort);
            });
            silo.UseRedisClustering(o => o.ConfigurationOptions = redis);
            // The default directory loses the entries a killed silo owned, so for a moment a grain (a run's coordinator)
            // can have two activations; the distributed directory recovers its partitions from the surviving silos.
            // Experimental in Orleans 10; the coordinator's checkpoint ETag guards the run either way.
#pragma warning disable ORLEANSEXP003
            silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
            silo.AddRedisGrainStorage(RestakingSiloBuilder.CheckpointStorage, o => o.ConfigurationOptions = redis);
            ClusterFailureDetection.Configure(silo.Services);
            silo.AddRestaking(options.Kinds, options.Transport, checkpoints: true);
            SiloWebHost.AddDashboardIf(silo, options.WebPort);
        });
        SiloWebHost.Listen(builder, options.Bind, options.WebPort);
        var app = builder.Build();
        string? url = await SiloWebHost.StartAsync(app, options.WebPort is not null, cancellation);
        var address = app.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        return new ClusterSilo(app, url, address);
    }

    /// <summary>Leaves the cluster cleanly (the membership table marks this silo dead at once).</summary>
    public ValueTask DisposeAsync() => SiloWebHost.StopAsync(app, TimeSpan.FromSeconds(20));
}

/// <summary>
/// How fast the cluster declares a killed silo dead. Orleans' defaults (probe timeout 5 s, 3 missed probes) take
/// 15 s and more; a simulation run waits on every silo at each round, so it would stall that long. Here: 2 s × 3.
/// </summary>
internal static class ClusterFailureDetection
{
    public static void Configure(IServiceCollection services) => services.Configure<ClusterMembershipOptions>(o =>
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(2);
        o.NumMissedProbesLimit = 3;
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
    });
}
