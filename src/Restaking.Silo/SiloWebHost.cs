using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Dashboard;

namespace Restaking.Silo;

/// <summary>The ASP.NET Core host a silo lives in (embedded or cluster): logging, and the dashboard when asked.</summary>
internal static class SiloWebHost
{
    public static WebApplicationBuilder CreateBuilder(LogLevel level)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(level);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Its only warning here is the advice to use server GC, which the CLI turns off on purpose (2 cores, batch work).
        builder.Logging.AddFilter("Orleans.Runtime.Silo", LogLevel.Error);
        return builder;
    }

    /// <summary>Serves the dashboard (added to the silo by <see cref="AddDashboardIf"/>) on <paramref name="address"/>:
    /// <paramref name="port"/>, or listens on an ephemeral loopback port, serving nothing, when <paramref name="port"/> is null.</summary>
    public static void Listen(WebApplicationBuilder builder, IPAddress address, int? port)
    {
        if (port is not null)
        {
            // Record method rates from the first call, not only once someone opens the page: a run held with --hold
            // then still shows how its contagion travelled (Deliver and ProcessRound per entity class).
            builder.Services.Configure<GrainProfilerOptions>(o => o.TraceAlways = true);
        }
        builder.WebHost.UseKestrel(k => k.Listen(port is null ? IPAddress.Loopback : address, port ?? 0));
    }

    public static void AddDashboardIf(ISiloBuilder silo, int? port)
    {
        if (port is not null) silo.AddDashboard();
    }

    /// <summary>Starts the host; returns the dashboard's URL, or null without one.</summary>
    public static async Task<string?> StartAsync(WebApplication app, bool dashboard, CancellationToken cancellation)
    {
        if (dashboard) app.MapOrleansDashboard(EmbeddedSilo.DashboardPath);
        SiloTelemetry.Start(app);
        await app.StartAsync(cancellation);
        if (!dashboard) return null;
        string address = app.Urls.First();
        return address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + EmbeddedSilo.DashboardPath + "/";
    }

    /// <summary>Stops the host within <paramref name="limit"/> (a silo leaving the cluster tells the membership table).</summary>
    public static async ValueTask StopAsync(WebApplication app, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try { await app.StopAsync(timeout.Token); }
        catch (OperationCanceledException) { }
        await app.DisposeAsync();
    }
}
