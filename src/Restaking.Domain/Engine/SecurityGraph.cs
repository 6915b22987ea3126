using System.Globalization;
using System.Text.Json;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Engine;

/// <summary>A node of the security graph. Kind: operator | service | token | vault | lending-market | staker-pool |
/// base-chain; Subkind: the service's kind, or "lst" / "lrt" for a token.</summary>
public sealed record GraphNode(string Id, string Kind, string? Subkind, string Label, long? ValueGwei);

/// <summary>An edge: allocation (operator → service, weighted by the stake allocated), delegation (staker pool, LRT or
/// vault → operator), wrap (bridge → the token it holds the backing of), collateral (token → lending market),
/// backing (base chain → LST or operator with validators; LST → LRT holding it).</summary>
public sealed record GraphEdge(string Source, string Target, string Kind, long? WeightGwei);

/// <summary>
/// Who secures what in a world at tick 0, for the contagion view and <c>restaking view</c> (docs/contagion-view.md):
/// a pure function of the expanded <see cref="WorldSpec"/>, so every engine and a finished run folder give the same graph.
/// Stakers are aggregated into one pool per (operator, asset): a million stakers are a few thousand nodes, not a
/// million. Node ids are the scenario's ids (as events name them); a pool is <c>pool:{operator}:{asset}</c>.
/// </summary>
public sealed record SecurityGraph(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges)
{
    public const string BaseChainId = "base-chain";

    public static SecurityGraph Build(WorldSpec world)
    {
        var nodes = new List<GraphNode>();
        var edges = new List<GraphEdge>();
        long ValueOf(int asset, long amount) => (long)Wad.MulDiv(amount, world.InitialPriceWad(asset), Wad.One, Rounding.Down);

        // Staker pools, and each operator's stake at tick 0 (what its allocations weigh).
        var pools = new SortedDictionary<(int Operator, int Asset), (int Count, long Amount)>();
        var stakers = world.Stakers;
        for (int i = 0; i < stakers.Count; i++)
        {
            var key = (stakers.Operator[i], (int)stakers.Asset[i]);
            var (count, amount) = pools.GetValueOrDefault(key);
            pools[key] = (count + 1, amount + stakers.Amount[i]);
        }
        var stake = new long[world.Operators.Count];
        foreach (var ((op, asset), (_, amount)) in pools) stake[op] += ValueOf(asset, amount);
        foreach (var positions in world.LrtPositions)
            foreach (var p in positions) stake[p.Operator] += ValueOf(p.Asset, p.AmountGwei);

        nodes.Add(new GraphNode(BaseChainId, "base-chain", null, "Ethereum beacon chain", world.Scenario.BaseChain.TotalActiveBalanceGwei));
        foreach (var s in world.Services) nodes.Add(new GraphNode(s.Id, "service", s.Kind, s.Id, s.ValueAtRiskGwei));
        for (int v = 0; v < world.Operators.Count; v++) nodes.Add(new GraphNode(world.Operators[v].Id, "operator", null, world.Operators[v].Id, stake[v]));
        for (int t = 0; t < world.Tokens.Count; t++)
        {
            var token = world.Tokens[t];
            long? supply = token.SupplyGwei ?? (token.Type == TokenType.Lrt ? world.LrtPositions[t].Sum(p => ValueOf(p.Asset, p.AmountGwei)) : null);
            nodes.Add(new GraphNode(token.Id, "token", token.Type == TokenType.Lst ? "lst" : "lrt", token.Id, supply));
        }
        foreach (var vault in world.Scenario.Vaults)
        {
            long value = vault.Operators.Where(world.OperatorIndex.ContainsKey).Sum(o => stake[world.OperatorIndex[o]]);
            nodes.Add(new GraphNode(vault.Id, "vault", null, vault.Id, value));
            foreach (var o in vault.Operators) edges.Add(new GraphEdge(vault.Id, o, "delegation", stake[world.OperatorIndex[o]]));
        }
        foreach (var market in world.Scenario.LendingMarkets)
        {
            long collateral = market.Loops.Sum(l => l.Count * (long)Wad.MulDiv(l.EquityGwei, l.LeverageBps, 10_000, Rounding.Down));
            nodes.Add(new GraphNode(market.Id, "lending-market", null, market.Id, collateral));
            edges.Add(new GraphEdge(market.Collateral, market.Id, "collateral", collateral));
        }
        foreach (var ((op, asset), (count, amount)) in pools)
        {
            string opId = world.Operators[op].Id, assetId = world.AssetName(asset);
            string id = $"pool:{opId}:{assetId}";
            string label = count.ToString("N0", CultureInfo.InvariantCulture) + (count == 1 ? " staker" : " stakers") + $" ({assetId}) at {opId}";
            long value = ValueOf(asset, amount);
            nodes.Add(new GraphNode(id, "staker-pool", null, label, value));
            edges.Add(new GraphEdge(id, opId, "delegation", value));
        }

        for (int v = 0; v < world.Operators.Count; v++)
        {
            var services = world.OperatorServices[v];
            var magnitudes = world.OperatorAllocations[v];
            for (int k = 0; k < services.Length; k++)
                edges.Add(new GraphEdge(world.Operators[v].Id, world.Services[services[k]].Id, "allocation",
                    (long)Wad.MulDiv(stake[v], magnitudes[k], Wad.One, Rounding.Down)));
        }
        for (int t = 0; t < world.Tokens.Count; t++)
        {
            var token = world.Tokens[t];
            // One edge per (LRT, operator): its positions there in every asset, by value; and LST → LRT for each LST it holds.
            foreach (var g in world.LrtPositions[t].GroupBy(p => p.Operator).OrderBy(g => g.Key))
                edges.Add(new GraphEdge(token.Id, world.Operators[g.Key].Id, "delegation", g.Sum(p => ValueOf(p.Asset, p.AmountGwei))));
            foreach (var g in world.LrtPositions[t].Where(p => p.Asset != WorldSpec.EthAsset).GroupBy(p => p.Asset).OrderBy(g => g.Key))
                edges.Add(new GraphEdge(world.AssetName(g.Key), token.Id, "backing", g.Sum(p => ValueOf(p.Asset, p.AmountGwei))));
        }
        foreach (var s in world.Services)
            if (s.Wraps is { } wrapped) edges.Add(new GraphEdge(s.Id, wrapped, "wrap", s.ValueAtRiskGwei));
        foreach (var owner in world.ValidatorGroups.GroupBy(g => g.Owner).OrderBy(g => g.Key, StringComparer.Ordinal))
            edges.Add(new GraphEdge(BaseChainId, owner.Key, "backing", owner.Sum(g => (long)g.Count * g.EffectiveBalanceGwei)));
        return new SecurityGraph(nodes, edges);
    }

    /// <summary>The graph as the API's JSON: amounts in ETH (gwei / 1e9, exact decimals).</summary>
    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteStartArray("nodes");
        foreach (var n in Nodes)
        {
            w.WriteStartObject();
            w.WriteString("id", n.Id);
            w.WriteString("kind", n.Kind);
            if (n.Subkind is not null) w.WriteString("subkind", n.Subkind);
            w.WriteString("label", n.Label);
            if (n.ValueGwei is { } value) w.WriteNumber("valueEth", value / 1_000_000_000m);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("edges");
        foreach (var e in Edges)
        {
            w.WriteStartObject();
            w.WriteString("source", e.Source);
            w.WriteString("target", e.Target);
            w.WriteString("kind", e.Kind);
            if (e.WeightGwei is { } weight) w.WriteNumber("weightEth", weight / 1_000_000_000m);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
