using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Dashboard;
using Restaking.Grains;
using Restaking.Grains.Services;

namespace Restaking.Silo;

/// <summary>How to host the embedded silo.</summary>
/// <param name="DashboardPort">HTTP port of the dashboard on 127.0.0.1; null: no dashboard (no listener at all).</param>
/// <param name="Transport">How cascade batches travel between grains.</param>
public sealed record EmbeddedSiloOptions(int? DashboardPort = 8080, ServiceKindCatalog? Kinds = null, LogLevel LogLevel = LogLevel.Warning,
    CascadeTransport Transport = CascadeTransportOptions.DefaultTransport);

/// <summary>
/// The default host: one silo in this process (localhost clustering on free loopback ports, in-memory storage and
/// streams), with Microsoft.Orleans.Dashboard mapped at <c>/dashboard</c> on 127.0.0.1 — it has no authentication,
/// so it never listens beyond loopback here.
/// </summary>
public sealed class EmbeddedSilo : IAsyncDisposable
{
    public const string DashboardPath = "/dashboard";

    private readonly WebApplication app;

    private EmbeddedSilo(WebApplication app, string? dashboardUrl)
    {
        this.app = app;
        DashboardUrl = dashboardUrl;
        Client = app.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Client { get; }

    /// <summary>Where the dashboard is served, or null when it is off.</summary>
    public string? DashboardUrl { get; }

    /// <summary>The web host's root (the contagion view), or null without one.</summary>
    public string? ViewUrl => DashboardUrl is { } d ? d[..^(DashboardPath.Length + 1)] + "/" : null;

    /// <summary>The contagion view's page of a run (the front end routes by the URL's fragment).</summary>
    public string? RunPageUrl(string runId) => ViewUrl is { } root ? $"{root}#/runs/{runId}" : null;

    public IServiceProvider Services => app.Services;

    /// <exception cref="DashboardPortInUseException">The dashboard port is taken.</exception>
    public static async Task<EmbeddedSilo> StartAsync(EmbeddedSiloOptions options, CancellationToken cancellation = default)
    {
        if (options.DashboardPort is { } wanted && wanted != 0 && !IsFree(wanted)) throw new DashboardPortInUseException(wanted);
        var builder = SiloWebHost.CreateBuilder(options.LogLevel);
        // Free loopback ports, so several runs (processes) can coexist on one machine.
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort());
            silo.AddRestaking(options.Kinds, options.Transport);
            SiloWebHost.AddDashboardIf(silo, options.DashboardPort);
        });
        SiloWebHost.Listen(builder, IPAddress.Loopback, options.DashboardPort);
        var app = builder.Build();
        string? url = await SiloWebHost.StartAsync(app, options.DashboardPort is not null, cancellation);
        return new EmbeddedSilo(app, url);
    }

    public ValueTask DisposeAsync() => SiloWebHost.StopAsync(app, TimeSpan.FromSeconds(10));

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

/// <summary>The dashboard's port is already in use on 127.0.0.1.</summary>
public sealed class DashboardPortInUseException(int port)
    : Exception($"port {port} on 127.0.0.1 is already in use (another run held open?); choose another with --port")
{
    public int Port { get; } = port;
}
