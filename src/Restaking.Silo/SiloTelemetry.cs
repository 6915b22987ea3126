using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Restaking.Domain.Engine;

namespace Restaking.Silo;

/// <summary>
/// Operations hooks on a silo's web port: <c>GET /health</c> (200 "ok" while the host runs), and, opt-in through
/// <c>RESTAKING_METRICS</c>, an OpenTelemetry export of the <c>Restaking</c> meter (<see cref="RestakingMetrics"/>) and of
/// <c>Microsoft.Orleans</c>: <c>otlp</c> (to OTEL_EXPORTER_OTLP_ENDPOINT, default http://localhost:4317) or
/// <c>prometheus</c> (a scrape endpoint at http://localhost:RESTAKING_PROMETHEUS_PORT/metrics, default 9464). See docs/operations.md.
/// </summary>
public static class SiloTelemetry
{
    public const string HealthPath = "/health";
    public const string MetricsVariable = "RESTAKING_METRICS";

    private static readonly Lock Gate = new();
    private static MeterProvider? provider;

    /// <summary>Maps /health on <paramref name="app"/> and starts the opt-in exporter (once per process).</summary>
    public static void Start(WebApplication app)
    {
        app.MapGet(HealthPath, () => Results.Text("ok\n"));
        var exporter = Environment.GetEnvironmentVariable(MetricsVariable);
        if (string.IsNullOrEmpty(exporter)) return;
        lock (Gate)
        {
            if (provider is not null) return;
            var builder = OpenTelemetry.Sdk.CreateMeterProviderBuilder().AddMeter(RestakingMetrics.MeterName, "Microsoft.Orleans");
            switch (exporter)
            {
                case "otlp":
                    builder.AddOtlpExporter();
                    break;
                case "prometheus":
                    var port = int.TryParse(Environment.GetEnvironmentVariable("RESTAKING_PROMETHEUS_PORT"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 9464;
                    builder.AddPrometheusHttpListener(o => { o.Host = "localhost"; o.Port = port; });
                    break;
                default:
                    throw new ArgumentException($"{MetricsVariable}={exporter}: expected otlp or prometheus");
            }
            provider = builder.Build();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => provider?.Dispose();
        }
    }
}
