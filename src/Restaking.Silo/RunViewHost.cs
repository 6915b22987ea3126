using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Restaking.Silo;

/// <summary>
/// <c>restaking view DIR</c>: the contagion view's API over one finished run folder, on a web host without a silo
/// (loopback unless told otherwise).
/// </summary>
public sealed class RunViewHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private RunViewHost(WebApplication app, string url, string runId)
    {
        this.app = app;
        Url = url;
        RunId = runId;
    }

    /// <summary>The server's root, e.g. http://127.0.0.1:8080/.</summary>
    public string Url { get; }

    public string RunId { get; }

    /// <exception cref="DashboardPortInUseException">The port is taken.</exception>
    public static async Task<RunViewHost> StartAsync(string directory, int port, IPAddress? bind = null, CancellationToken cancellation = default)
    {
        var catalog = new FolderRunCatalog(directory);
        var builder = SiloWebHost.CreateBuilder(LogLevel.Warning);
        builder.Services.AddSingleton<IRunCatalog>(catalog);
        builder.Services.AddRunApi();
        builder.WebHost.UseKestrel(k => k.Listen(bind ?? IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapRunApi();
        try { await app.StartAsync(cancellation); }
        catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            await app.DisposeAsync();
            throw new DashboardPortInUseException(port);
        }
        string url = app.Urls.First().Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/";
        var runs = await catalog.List();
        return new RunViewHost(app, url, runs[0].Id);
    }

    public ValueTask DisposeAsync() => SiloWebHost.StopAsync(app, TimeSpan.FromSeconds(5));
}
