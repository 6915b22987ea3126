using System.Globalization;
using System.Text;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using Restaking.Contracts;
using Restaking.Grains.Tests.Support;
using Restaking.Silo;

namespace Restaking.Grains.Tests;

/// <summary>
/// A cluster whose response timeout (1 s) is far shorter than one entity's round can be: what the reference engine
/// finishes, the grains must finish too (issue: the exact attack search on a dense component outlasted Orleans' 30 s).
/// </summary>
public sealed class ShortTimeoutClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(1);

    private InProcessTestCluster? cluster;

    public InProcessTestCluster Cluster => cluster ?? throw new InvalidOperationException("the cluster has not started");

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddRestaking(TestKinds.Catalog);
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(RunStreams.Provider));
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (cluster is not null) await cluster.DisposeAsync();
    }
}

public sealed class LongRoundTests(ShortTimeoutClusterFixture fixture) : IClassFixture<ShortTimeoutClusterFixture>
{
    /// <summary>22 operators, each securing the same four services: one component the exact search enumerates whole
    /// (2^22 coalitions) at the adversary's first look, seconds of work in one round of one entity.</summary>
    private static ScenarioText DenseWorld()
    {
        const int operators = 22;
        var json = new StringBuilder();
        json.Append("""{ "name": "dense-22", "seed": 1, "ticks": { "count": 1, "seconds": 86400 }, "securityModel": "pooled", """);
        json.Append($$"""  "adversary": { "search": "exact", "exactMaxOperators": {{operators}} }, "baseChain": { "totalActiveBalanceEth": 34200000 }, """);
        json.Append("""  "services": [ """);
        json.AppendJoin(", ", Enumerable.Range(0, 4).Select(s => $$"""{ "id": "svc-{{s}}", "kind": "oracle", "valueAtRiskEth": 100 }"""));
        json.Append("""], "operators": [ """);
        json.AppendJoin(", ", Enumerable.Range(0, operators).Select(v => $$"""{ "id": "op-{{v}}", "allocations": [ """
            + string.Join(", ", Enumerable.Range(0, 4).Select(s => $$"""{ "service": "svc-{{s}}", "magnitude": 0.25 }""")) + "] }"));
        json.Append("""], "stakers": [ """);
        json.AppendJoin(", ", Enumerable.Range(0, operators).Select(v =>
            $$"""{ "id": "st-{{v}}", "operator": "op-{{v}}", "asset": "eth", "amountEth": {{(1000 + v).ToString(CultureInfo.InvariantCulture)}} }"""));
        json.Append("] }");
        return new ScenarioText("dense-22.json", json.ToString());
    }

    [Fact]
    public async Task A_round_longer_than_the_response_timeout_finishes_with_the_reference_outputs()
    {
        var scenario = DenseWorld();
        var expected = ReferenceRuns.Of(scenario);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcome = await new OrleansEngine(fixture.Cluster.Client).RunAsync(scenario.NewRun(), cancellation: TestContext.Current.CancellationToken);
        clock.Stop();

        SameOutputs.Assert(expected, outcome, "dense-22 with a 1 s response timeout");
        // The test means something only if some round did outlast the timeout: the adversary's searches take the run past it.
        Assert.True(clock.Elapsed > ShortTimeoutClusterFixture.ResponseTimeout,
            $"the run took {clock.Elapsed.TotalSeconds:0.0} s, within the {ShortTimeoutClusterFixture.ResponseTimeout.TotalSeconds} s timeout: no round was long");
        Assert.Contains("\"exact\":", outcome.SummaryJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_start_of_a_running_run_is_refused()
    {
        var run = ScenarioText.Shipped("quickstart.json").NewRun();
        var coordinator = fixture.Cluster.Client.GetGrain<IRunCoordinatorGrain>(run.RunId);

        var starts = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            try { await coordinator.Start(run); return null; }
            catch (InvalidOperationException e) { return e.Message; }
        }));

        Assert.Single(starts, s => s is null);
        Assert.Contains(starts, s => s is not null && s.Contains("already started", StringComparison.Ordinal));
        // The one that started runs to the end.
        while (!(await coordinator.GetStatus()).Finished) await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Null((await coordinator.GetStatus()).Error);
        await coordinator.Close();
    }
}
