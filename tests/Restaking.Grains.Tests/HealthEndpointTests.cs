using System.Net;
using System.Net.Sockets;
using Restaking.Grains.Tests.Support;
using Restaking.Silo;

namespace Restaking.Grains.Tests;

/// <summary>Every silo's web port answers GET /health (docs/operations.md).</summary>
public class HealthEndpointTests
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task A_silo_with_a_web_port_answers_health()
    {
        int port = FreePort();
        await using var silo = await EmbeddedSilo.StartAsync(new EmbeddedSiloOptions(port, TestKinds.Catalog), TestContext.Current.CancellationToken);
        using var http = new HttpClient();
        var response = await http.GetAsync($"http://127.0.0.1:{port}{SiloTelemetry.HealthPath}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok\n", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
