using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Restaking.Silo;

namespace Restaking.Web.Tests;

/// <summary>
/// Until the silo serves the runs API (issue 14, API side), the page is tested against this stand-in: the contagion view
/// as the silo serves it (<see cref="ContagionViewFiles"/>) and the API contract of docs/contagion-view.md over one real
/// finished run folder (a reference-engine quickstart run made by the test). The graph is the scenario's entities.
/// </summary>
internal sealed class RecordedRunApi : IAsyncDisposable
{
    public const string RunId = "quickstart-recorded";
    private readonly WebApplication app;
    public string BaseUrl { get; }
    public JsonObject Graph { get; }

    private RecordedRunApi(WebApplication app, string baseUrl, JsonObject graph)
    {
        this.app = app;
        BaseUrl = baseUrl;
        Graph = graph;
    }

    public static async Task<RecordedRunApi> StartAsync(string scenarioFile, string runDir)
    {
        var scenario = JsonNode.Parse(await File.ReadAllTextAsync(scenarioFile))!.AsObject();
        var graph = GraphOf(scenario);
        var summary = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(runDir, "summary.json")))!;
        var (columns, rows) = ReadTimeline(Path.Combine(runDir, "timeline.csv"));
        var events = File.ReadAllLines(Path.Combine(runDir, "events.jsonl")).Where(l => l.Length > 0)
            .Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        int ticks = rows.Count;
        string name = (string)scenario["name"]!;

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddContagionView();
        var app = builder.Build();
        JsonObject Run(bool withSummary) => new()
        {
            ["id"] = RunId, ["scenario"] = name, ["status"] = "finished", ["ticksDone"] = ticks, ["ticks"] = ticks,
            ["startedUtc"] = "2026-01-01T00:00:00Z", ["summary"] = withSummary ? summary.DeepClone() : null,
        };
        app.MapGet("/api/runs", () => Results.Text(new JsonArray(Run(false)).ToJsonString(), "application/json"));
        app.MapGet("/api/runs/{id}", (string id) => id == RunId ? Results.Text(Run(true).ToJsonString(), "application/json") : Results.NotFound());
        app.MapGet("/api/runs/{id}/graph", (string id) => id == RunId ? Results.Text(graph.ToJsonString(), "application/json") : Results.NotFound());
        app.MapGet("/api/runs/{id}/files/{file}", (string id, string file) =>
            id == RunId && File.Exists(Path.Combine(runDir, Path.GetFileName(file))) ? Results.File(Path.Combine(runDir, Path.GetFileName(file))) : Results.NotFound());
        app.MapGet("/api/runs/{id}/events", async (HttpContext context, string id, int? fromTick) =>
        {
            context.Response.ContentType = "text/event-stream";
            for (int t = fromTick ?? 0; t < ticks; t++)
            {
                var row = new JsonObject();
                for (int c = 0; c < columns.Length; c++) row[columns[c]] = rows[t][c];
                var message = new JsonObject
                {
                    ["tick"] = t, ["ticksDone"] = t + 1, ["ticks"] = ticks, ["row"] = row,
                    ["events"] = new JsonArray(events.Where(e => (int)e["tick"]! == t).Select(e => (JsonNode)e.DeepClone()).ToArray()),
                };
                await context.Response.WriteAsync($"event: tick\ndata: {message.ToJsonString()}\n\n", context.RequestAborted);
            }
            await context.Response.WriteAsync("event: end\ndata: {\"status\":\"finished\"}\n\n", context.RequestAborted);
        });
        await app.StartAsync();
        return new RecordedRunApi(app, app.Urls.First().TrimEnd('/') + "/", graph);
    }

    /// <summary>The scenario's entities as the graph endpoint's nodes and edges (explicit stakers pooled per operator and asset).</summary>
    private static JsonObject GraphOf(JsonObject scenario)
    {
        var nodes = new JsonArray();
        var edges = new JsonArray();
        nodes.Add(Node("base-chain", "base-chain", null, null));
        foreach (var s in Array(scenario, "services")) nodes.Add(Node((string)s["id"]!, "service", (string?)s["kind"], (double?)s["valueAtRiskEth"]));
        foreach (var o in Array(scenario, "operators"))
        {
            string id = (string)o["id"]!;
            nodes.Add(Node(id, "operator", null, null));
            foreach (var a in Array(o, "allocations")) edges.Add(Edge(id, (string)a["service"]!, "allocation", null));
        }
        foreach (var t in Array(scenario, "tokens"))
        {
            string id = (string)t["id"]!;
            nodes.Add(Node(id, "token", (string?)t["type"], (double?)t["supplyEth"]));
            foreach (var d in Array(t, "delegations")) edges.Add(Edge(id, (string)d["operator"]!, "delegation", (double?)d["amountEth"]));
        }
        foreach (var pool in Array(scenario, "stakers").GroupBy(s => ((string)s["operator"]!, (string)s["asset"]!)))
        {
            string id = $"pool:{pool.Key.Item1}:{pool.Key.Item2}";
            double amount = pool.Sum(s => (double)s["amountEth"]!);
            nodes.Add(Node(id, "staker-pool", null, amount));
            edges.Add(Edge(id, pool.Key.Item1, "delegation", amount));
        }
        foreach (var s in Array(scenario, "services"))
            if (s["wraps"] is JsonNode wrapped) edges.Add(Edge((string)s["id"]!, (string)wrapped!, "wrap", (double?)s["valueAtRiskEth"]));
        return new JsonObject { ["nodes"] = nodes, ["edges"] = edges };

        static JsonObject Node(string id, string kind, string? subkind, double? valueEth)
        {
            var n = new JsonObject { ["id"] = id, ["kind"] = kind, ["label"] = id };
            if (subkind is not null) n["subkind"] = subkind;
            if (valueEth is not null) n["valueEth"] = valueEth;
            return n;
        }
        static JsonObject Edge(string source, string target, string kind, double? weightEth)
        {
            var e = new JsonObject { ["source"] = source, ["target"] = target, ["kind"] = kind };
            if (weightEth is not null) e["weightEth"] = weightEth;
            return e;
        }
        static IEnumerable<JsonObject> Array(JsonObject o, string name) =>
            o[name] is JsonArray a ? a.Select(n => n!.AsObject()) : [];
    }

    private static (string[] Columns, List<long[]> Rows) ReadTimeline(string path)
    {
        var lines = File.ReadAllLines(path, Encoding.UTF8).Where(l => l.Length > 0).ToArray();
        var columns = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',').Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
        return (columns, rows);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
