using Restaking.Domain.Engine;
using Restaking.Domain.Scenarios;
using Restaking.Grains.Services;
using Restaking.Reports;

namespace Restaking.Cli.Tests;

/// <summary>The contagion tree's linking rule (docs/report.md) and the security graph's staker pools, in process.</summary>
public sealed class ContagionTreeTests
{
    private static string Line(int tick, string kind, string source, string target, long eth, string cause, int depth) =>
        $"{{\"tick\":{tick},\"round\":{depth},\"kind\":\"{kind}\",\"source\":\"{source}\",\"target\":\"{target}\",\"amount_gwei\":{eth * 1_000_000_000},\"cause\":\"{cause}\",\"depth\":{depth}}}";

    [Fact]
    public void An_event_hangs_under_the_event_that_hit_its_source_else_under_the_last_hop_of_its_tick_else_under_the_fault()
    {
        var roots = ContagionTree.Build(
        [
            Line(2, "slash", "oracle-1", "op-a", 10, "f", 1),
            Line(2, "slash", "oracle-1", "op-b", 20, "f", 1),
            Line(2, "attack", "adversary", "bridge-1", 5, "f", 2),   // nobody hit the adversary: under the tick's last depth-1 event
            Line(2, "sale", "op-a", "steth", 3, "f", 2),             // op-a was hit at depth 1
            Line(3, "penalty", "base-chain", "steth", 1, "g", 1),    // no depth-0 event of g: under the fault
            Line(4, "drain", "bridge-1", "steth", 7, "f", 3),        // bridge-1 was attacked at depth 2 (another tick: by target still)
        ]);
        Assert.Equal(["f", "g"], roots.Select(r => r.Fault));
        var f = roots[0];
        Assert.Equal(2, f.Children.Count);
        var opA = f.Children.Single(c => c.Event!.Target == "op-a");
        var opB = f.Children.Single(c => c.Event!.Target == "op-b");
        Assert.Equal("steth", Assert.Single(opA.Children).Event!.Target);
        var attack = Assert.Single(opB.Children);
        Assert.Equal("attack", attack.Event!.Kind);
        Assert.Equal("drain", Assert.Single(attack.Children).Event!.Kind);
        Assert.Equal(45_000_000_000, f.TotalGwei);
        Assert.Equal(32_000_000_000, opB.TotalGwei);
        Assert.Equal(5, f.Events);
        Assert.Equal("penalty", Assert.Single(roots[1].Children).Event!.Kind);

        var (shown, more, moreGwei) = ContagionTree.Largest(f.Children, 1);
        Assert.Same(opB, Assert.Single(shown));
        Assert.Equal(1, more);
        Assert.Equal(13_000_000_000, moreGwei);
        Assert.Equal("tick 2 · slash oracle-1 → op-b: 20 ETH; branch 32 ETH", ContagionTree.Label(opB));
    }

    [Fact]
    public void The_mainnet_graph_has_a_pool_per_operator_and_asset_not_a_node_per_staker()
    {
        var kinds = Restaking.ServiceKinds.BuiltInKinds.Catalog();
        var scenario = ScenarioLoader.Load(Path.Combine(Cli.RepoRoot, "scenarios", "mainnet-2025.json"), kinds.Names).Scenario!;
        var world = ScenarioExpansion.Expand(scenario);
        var graph = SecurityGraph.Build(world);
        var pools = Enumerable.Range(0, world.Stakers.Count).Select(i => (world.Stakers.Operator[i], world.Stakers.Asset[i])).Distinct().Count();
        Assert.True(world.Stakers.Count > pools, $"{world.Stakers.Count} stakers, {pools} pools");
        Assert.Equal(pools, graph.Nodes.Count(n => n.Kind == "staker-pool"));
        Assert.Equal(1 + world.Services.Count + world.Operators.Count + world.Tokens.Count + scenario.Vaults.Count + scenario.LendingMarkets.Count + pools,
            graph.Nodes.Count);
        Assert.Equal(graph.Nodes.Count, graph.Nodes.Select(n => n.Id).Distinct().Count());
        var ids = graph.Nodes.Select(n => n.Id).ToHashSet();
        Assert.All(graph.Edges, e => Assert.True(ids.Contains(e.Source) && ids.Contains(e.Target), $"{e.Source} → {e.Target}"));
        // Every allocation of the world is an edge.
        Assert.Equal(world.OperatorServices.Sum(s => s.Length), graph.Edges.Count(e => e.Kind == "allocation"));
        // The pools hold every staker's deposit.
        Assert.Equal(world.Stakers.Count, graph.Nodes.Where(n => n.Kind == "staker-pool").Sum(n => int.Parse(n.Label.Split(' ')[0].Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture)));
    }
}
