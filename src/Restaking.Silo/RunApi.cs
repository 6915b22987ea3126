using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Restaking.Contracts;
using Restaking.Domain.Engine;
using Restaking.Domain.Scenarios;
using Restaking.Grains.Services;
using Restaking.Reports;

namespace Restaking.Silo;

/// <summary>A run as <c>GET /api/runs</c> lists it.</summary>
public sealed record RunListItem(string Id, string Scenario, string Status, int TicksDone, int Ticks, DateTime StartedUtc, string? Error);

/// <summary><c>POST /api/runs</c>'s answer.</summary>
public sealed record RunCreated(string Id);

/// <summary>A rejected scenario: the lines <c>restaking validate</c> prints for it.</summary>
public sealed record RunErrors(IReadOnlyList<string> Errors);

/// <summary>
/// The contagion view's HTTP API under <c>/api</c> (docs/contagion-view.md), with its OpenAPI document at
/// <c>/openapi/v1.json</c>. Runs come from an <see cref="IRunCatalog"/>: the cluster's run registry on a silo, or a
/// run folder for <c>restaking view</c>. It answers nothing outside /api and /openapi (the front end's static files
/// and the dashboard have the rest), and nothing it answers names a secret (no connection string, no Redis password).
/// </summary>
public static class RunApi
{
    /// <summary>Events per SSE message: a cascade-heavy tick is cut into several messages of the same tick.</summary>
    public const int EventsPerMessage = 2_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Registers what the API needs (OpenAPI document; the catalog, unless one is registered already).</summary>
    public static IServiceCollection AddRunApi(this IServiceCollection services)
    {
        // Only this API: the dashboard's own endpoints are not ours to document.
        services.AddOpenApi(o => o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);
        services.AddSingleton<GraphCache>();
        if (!services.Any(d => d.ServiceType == typeof(IRunCatalog)))
            services.AddSingleton<IRunCatalog>(sp => new ClusterRunCatalog(sp.GetRequiredService<IClusterClient>()));
        return services;
    }

    public static IEndpointRouteBuilder MapRunApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        var api = app.MapGroup("/api/runs");
        api.MapGet("/", async (IRunCatalog runs) => Results.Json((await runs.List()).Select(Item).ToArray(), Json))
            .Produces<RunListItem[]>().WithSummary("Every run the cluster knows: running, finished, failed.");
        api.MapPost("/", Submit).Accepts<string>("application/json", "text/plain", "application/octet-stream", "application/x-www-form-urlencoded").Produces<RunCreated>(StatusCodes.Status201Created)
            .Produces<RunErrors>(StatusCodes.Status400BadRequest)
            .WithSummary("Starts a run of the scenario in the body; a bad scenario gets 400 with restaking validate's lines.");
        api.MapGet("/{id}", Detail).WithSummary("A run's status, progress and, once finished, its summary.json.");
        api.MapGet("/{id}/graph", Graph).WithSummary("The security graph at tick 0: nodes (staker pools, not stakers) and edges, amounts in ETH.");
        api.MapGet("/{id}/events", Events).Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .WithSummary("Server-Sent Events from tick fromTick: 'tick' per tick (timeline row and events.jsonl lines), then 'end'.");
        api.MapGet("/{id}/files/{name}", FileOf).WithSummary("timeline.csv, summary.json, events.jsonl or report.html of a finished run.");
        return app;
    }

    private static RunListItem Item(RunEntry e) => new(e.Id, e.Scenario, e.Status, e.TicksDone, e.Ticks, e.StartedUtc, e.Error);

    private static async Task<IResult> Submit(HttpRequest request, IRunCatalog runs, IServiceProvider services,
        ulong? seed, int? ticks, string? securityModel, int? pace, string? name)
    {
        if (!runs.CanSubmit) return Results.Json(new RunErrors(["this server shows one finished run folder; it takes no new runs"]), Json, statusCode: 405);
        string text;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8)) text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        // The name errors give the document, as restaking validate gives the path it was handed.
        string file = string.IsNullOrWhiteSpace(name) ? "scenario.json" : name;
        var kinds = services.GetService<ServiceKindCatalog>() ?? Restaking.ServiceKinds.BuiltInKinds.Catalog();
        var loaded = ScenarioLoader.LoadFromText(file, text, kinds.Behaviours);
        var errors = loaded.Errors.Select(e => e.ToString()).ToList();
        if (ticks is < 1) errors.Add($"ticks: must be at least 1, got {ticks} [range]");
        if (pace is < 0 or > 60_000) errors.Add($"pace: must be 0 … 60000 ms, got {pace} [range]");
        SecurityModel? model = null;
        if (securityModel is not null)
        {
            if (SecurityModelNames.TryParse(securityModel, out var m)) model = m;
            else errors.Add($"securityModel: '{securityModel}' is not one of {string.Join(", ", SecurityModelNames.All)} [security-model]");
        }
        if (errors.Count == 0 && loaded.Scenario is { } scenario)
            errors.AddRange(FaultModelRules.Check(scenario.WithOverrides(seed, ticks, model), file).Select(e => e.ToString()));
        if (errors.Count > 0) return Results.Json(new RunErrors(errors), Json, statusCode: StatusCodes.Status400BadRequest);
        var run = new RunDefinition(GrainKeys.NewRunId(loaded.Scenario!.Name), file, text, seed, ticks, SecurityModel: securityModel, PaceMs: pace ?? 0);
        await runs.Submit(run);
        return Results.Json(new RunCreated(run.RunId), Json, statusCode: StatusCodes.Status201Created, contentType: "application/json");
    }

    private static async Task<IResult> Detail(string id, IRunCatalog runs)
    {
        if (await runs.Get(id) is not { } e) return NotFound(id);
        string? summary = e.Status == "finished" ? await runs.File(id, RunOutputs.Summary) : null;
        return Results.Stream(async body =>
        {
            await using var w = new Utf8JsonWriter(body);
            w.WriteStartObject();
            w.WriteString("id", e.Id);
            w.WriteString("scenario", e.Scenario);
            w.WriteString("status", e.Status);
            w.WriteNumber("ticksDone", e.TicksDone);
            w.WriteNumber("ticks", e.Ticks);
            w.WriteString("startedUtc", e.StartedUtc);
            if (e.Error is not null) w.WriteString("error", e.Error);
            if (e.EventsTruncated) w.WriteBoolean("eventsTruncated", true);
            if (e.HistoryDropped) w.WriteBoolean("historyDropped", true);
            if (summary is not null)
            {
                w.WritePropertyName("summary");
                w.WriteRawValue(summary);
            }
            w.WriteEndObject();
        }, "application/json");
    }

    private static async Task<IResult> Graph(string id, IRunCatalog runs, GraphCache cache, IServiceProvider services)
    {
        if (await runs.Definition(id) is not { } run) return NotFound(id);
        var json = cache.Get(id, () =>
        {
            var kinds = services.GetService<ServiceKindCatalog>() ?? Restaking.ServiceKinds.BuiltInKinds.Catalog();
            var loaded = ScenarioLoader.LoadFromText(run.FileName, run.ScenarioJson, kinds.Behaviours);
            if (loaded.Scenario is not { } scenario) return null;
            SecurityModel? model = run.SecurityModel is { } name && SecurityModelNames.TryParse(name, out var m) ? m : null;
            var graph = SecurityGraph.Build(ScenarioExpansion.Expand(scenario.WithOverrides(run.Seed, run.Ticks, model)));
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer)) graph.WriteJson(w);
            return buffer.ToArray();
        });
        return json is null ? NotFound(id) : Results.Bytes(json, "application/json");
    }

    private static async Task Events(HttpContext http, string id, IRunCatalog runs, int? fromTick)
    {
        var cancel = http.RequestAborted;
        if (await runs.Get(id) is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            await http.Response.WriteAsJsonAsync(new RunErrors([$"run {id} is not known"]), Json, cancel);
            return;
        }
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        int next = Math.Max(0, fromTick ?? 0);
        string[]? columns = null;
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                var page = await runs.Ticks(id, next, 20_000, TimeSpan.FromSeconds(10));
                if (page is null) return;
                columns ??= page.Header?.Split(',');
                foreach (var tick in page.Ticks)
                {
                    for (int from = 0; from == 0 || from < tick.Events.Count; from += EventsPerMessage)
                        await Send(http.Response, "tick", TickMessage(tick, page.Run, columns, from), cancel);
                    next = tick.Tick + 1;
                }
                if (page.Ticks.Count > 0) continue;
                if (page.Run.Status != "running")
                {
                    await Send(http.Response, "end", End(page.Run), cancel);
                    return;
                }
                // Nothing new within the wait: a comment line, so a closed connection is noticed.
                await http.Response.WriteAsync(": waiting\n\n", cancel);
                await http.Response.Body.FlushAsync(cancel);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested) { } // the browser left
    }

    private static byte[] TickMessage(RunTickRecord tick, RunEntry run, string[]? columns, int from)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("tick", tick.Tick);
            w.WriteNumber("ticksDone", tick.Tick + 1);
            w.WriteNumber("ticks", run.Ticks);
            w.WriteStartObject("row");
            if (tick.Row is not null && columns is not null)
            {
                var values = tick.Row.Split(',');
                for (int i = 0; i < columns.Length && i < values.Length; i++)
                    if (long.TryParse(values[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out long v)) w.WriteNumber(columns[i], v);
            }
            w.WriteEndObject();
            w.WriteStartArray("events");
            for (int i = from; i < tick.Events.Count && i < from + EventsPerMessage; i++) w.WriteRawValue(tick.Events[i], skipInputValidation: true);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static byte[] End(RunEntry run)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("status", run.Status);
            if (run.Error is not null) w.WriteString("error", run.Error);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static async Task Send(HttpResponse response, string name, byte[] data, CancellationToken cancel)
    {
        await response.WriteAsync($"event: {name}\ndata: ", cancel);
        await response.Body.WriteAsync(data, cancel);
        await response.WriteAsync("\n\n", cancel);
        await response.Body.FlushAsync(cancel);
    }

    private static async Task<IResult> FileOf(string id, string name, IRunCatalog runs)
    {
        // Only these four names: never a path.
        if (await runs.Get(id) is not { Status: "finished" }) return NotFound(id);
        if (name == RunReport.FileName)
        {
            string? timeline = await runs.File(id, RunOutputs.Timeline), summary = await runs.File(id, RunOutputs.Summary),
                events = await runs.File(id, RunOutputs.Events);
            if (timeline is null || summary is null || events is null) return NotFound(id);
            return Results.Text(RunReport.Html(timeline, summary, events.Split('\n', StringSplitOptions.RemoveEmptyEntries)), "text/html; charset=utf-8");
        }
        string? type = name switch
        {
            RunOutputs.Timeline => "text/csv; charset=utf-8",
            RunOutputs.Summary => "application/json",
            RunOutputs.Events => "application/x-ndjson",
            _ => null,
        };
        if (type is null || await runs.File(id, name) is not { } text) return Results.Json(new RunErrors([$"{name}: no such file of run {id}"]), Json, statusCode: 404);
        return Results.Text(text, type);
    }

    private static IResult NotFound(string id) => Results.Json(new RunErrors([$"run {id} is not known"]), Json, statusCode: StatusCodes.Status404NotFound);

    /// <summary>Graphs by run id (a mainnet world expands in a second; the browser asks once per page).</summary>
    internal sealed class GraphCache
    {
        private readonly ConcurrentDictionary<string, Lazy<byte[]?>> graphs = new(StringComparer.Ordinal);

        public byte[]? Get(string id, Func<byte[]?> build)
        {
            if (graphs.Count > 64) graphs.Clear();
            return graphs.GetOrAdd(id, _ => new Lazy<byte[]?>(build)).Value;
        }
    }
}
