using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Restaking.Contracts;

namespace Restaking.Silo;

/// <summary>
/// A client of a running cluster (found through its Redis membership table): submits runs and follows their stream,
/// like the embedded silo's own client.
/// </summary>
public sealed class ClusterClientHost : IAsyncDisposable
{
    private readonly IHost host;

    private ClusterClientHost(IHost host)
    {
        this.host = host;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Client { get; }

    /// <exception cref="ClusterUnreachableException">No silo of the cluster answers within <paramref name="timeout"/>.</exception>
    public static async Task<ClusterClientHost> ConnectAsync(ClusterConnection cluster, TimeSpan timeout, CancellationToken cancellation = default)
    {
        var redis = cluster.RedisOptions();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Error);
        // A client that cannot connect says so in one line (ClusterUnreachableException); the host's own "Hosting failed
        // to start" error with its stack trace, and Orleans' connect errors while it retries, would only bury it.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Logging.AddFilter("Orleans", LogLevel.Critical);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = ClusterConnection.ServiceId;
            });
            client.UseRedisClustering(o => o.ConfigurationOptions = redis);
            client.AddMemoryStreams(RunStreams.Provider);
            // A gateway that refuses or drops the first connection (a busy silo) is retried until the timeout, not given up on.
            client.UseConnectionRetryFilter(async (_, token) =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), token);
                return !token.IsCancellationRequested;
            });
        });
        var host = builder.Build();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(timeout);
        try
        {
            await host.StartAsync(limit.Token);
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested)
        {
            host.Dispose();
            var reason = e is OperationCanceledException ? "no gateway answered" : e.GetBaseException().Message.ReplaceLineEndings(" ");
            throw new ClusterUnreachableException($"cannot reach the cluster at {cluster} within {timeout.TotalSeconds:0} s: {reason} "
                + "(is it running? ./run-cluster.sh starts one, `restaking cluster status` lists its silos; on a busy machine give it longer with --connect-timeout SECONDS)");
        }
        return new ClusterClientHost(host);
    }

    /// <summary>The silos the membership table lists as active.</summary>
    public async Task<IReadOnlyList<SiloAddress>> ActiveSilos() =>
        (await Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys.OrderBy(s => s.ToString(), StringComparer.Ordinal).ToList();

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await host.StopAsync(timeout.Token); }
        catch (OperationCanceledException) { }
        host.Dispose();
    }
}

/// <summary>The cluster does not answer: not running, wrong password, wrong address.</summary>
public sealed class ClusterUnreachableException(string message) : Exception(message);
