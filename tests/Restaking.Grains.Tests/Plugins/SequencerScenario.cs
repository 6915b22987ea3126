using Restaking.Silo;
using Restaking.Grains.Tests.Support;

namespace Restaking.Grains.Tests.Plugins;

/// <summary>
/// A scenario that needs the plug-in: two sequencers (one wrapping the rollup's bridged ETH) beside a bridge; an
/// outage of data centre dc-1 (the sequencers' 2 % liveness slash; bridges do not slash for liveness), then op-b
/// equivocates on seq-2 (the sequencer's 20 % safety slash), with the adversary watching (α = 1/4 makes sequencers
/// cheap to corrupt).
/// </summary>
public static class SequencerScenario
{
    public static ScenarioText Text { get; } = new("sequencer-plugin.json", """
        {
          "name": "sequencer-plugin",
          "seed": 11,
          "ticks": { "count": 12, "seconds": 3600 },
          "securityModel": "unique-stake",
          "adversary": { "search": "exact" },
          "baseChain": { "totalActiveBalanceEth": 34200000 },
          "tokens": [
            { "id": "rollup-eth", "type": "lst", "supplyEth": 20000 },
            { "id": "lrt-seq", "type": "lrt", "delegations": [ { "operator": "op-b", "asset": "rollup-eth", "amountEth": 3000 } ] }
          ],
          "services": [
            { "id": "seq-1", "kind": "test-sequencer", "valueAtRiskEth": 4000, "wraps": "rollup-eth" },
            { "id": "seq-2", "kind": "test-sequencer", "valueAtRiskEth": 900 },
            { "id": "bridge-1", "kind": "bridge", "valueAtRiskEth": 3000, "wraps": "rollup-eth" }
          ],
          "operators": [
            { "id": "op-a", "group": "dc-1", "allocations": [ { "service": "seq-1", "magnitude": 0.5 }, { "service": "bridge-1", "magnitude": 0.5 } ] },
            { "id": "op-b", "group": "dc-1", "allocations": [ { "service": "seq-1", "magnitude": 0.4 }, { "service": "seq-2", "magnitude": 0.4 } ] },
            { "id": "op-c", "group": "dc-2", "allocations": [ { "service": "seq-2", "magnitude": 0.6 }, { "service": "bridge-1", "magnitude": 0.3 } ] }
          ],
          "stakers": [
            { "id": "s1", "operator": "op-a", "asset": "eth", "amountEth": 8000 },
            { "id": "s2", "operator": "op-b", "asset": "rollup-eth", "amountEth": 5000 },
            { "id": "s3", "operator": "op-c", "asset": "eth", "amountEth": 6000 }
          ],
          "faults": [
            { "id": "dc-1-down", "tick": 2, "type": "correlated-outage", "group": "dc-1" },
            { "id": "op-b-equivocates", "tick": 5, "type": "operator-equivocation", "operator": "op-b", "service": "seq-2" }
          ]
        }
        """);
}

/// <summary>The plug-in scenario on some cluster: the reference outputs, and every service hosted by its kind's class.</summary>
public static class SequencerRuns
{
    public static async Task AssertRunsAsItsOwnGrainClass(OrleansEngine engine, IClusterClient client, string where)
    {
        var scenario = SequencerScenario.Text;
        var run = scenario.NewRun(keepGrains: true);

        var outcome = await engine.RunAsync(run, cancellation: TestContext.Current.CancellationToken);

        SameOutputs.Assert(ReferenceRuns.Of(scenario), outcome, "sequencer scenario " + where);
        var classes = (await RunActivations.Of(client, run.RunId)).ToDictionary(a => a.EntityId, a => a.GrainClass);
        Assert.Equal(typeof(SequencerGrain).FullName, classes["seq-1"]);
        Assert.Equal(typeof(SequencerGrain).FullName, classes["seq-2"]);
        Assert.Equal(typeof(Services.BridgeGrain).FullName, classes["bridge-1"]);
    }
}
