using Restaking.Domain.BaseChain;
using Restaking.Domain.Units;

namespace Restaking.Domain.Scenarios;

/// <summary>
/// Expands a validated scenario into a <see cref="WorldSpec"/>: generated services, operators and stakers are drawn
/// from the scenario's seed with the counter-based generator, so the same file and seed always give the same world.
/// </summary>
public static class ScenarioExpansion
{
    private static readonly ulong KindDraw = DeterministicRandom.Purpose("service-kind");
    private static readonly ulong ValueDraw = DeterministicRandom.Purpose("service-value-at-risk");
    private static readonly ulong FanOutDraw = DeterministicRandom.Purpose("operator-service-count");
    private static readonly ulong ServicePickDraw = DeterministicRandom.Purpose("operator-service-pick");
    private static readonly ulong GroupDraw = DeterministicRandom.Purpose("operator-group");
    private static readonly ulong StakerOperatorDraw = DeterministicRandom.Purpose("staker-operator");
    private static readonly ulong StakerAssetDraw = DeterministicRandom.Purpose("staker-asset");
    private static readonly ulong StakerAmountDraw = DeterministicRandom.Purpose("staker-amount");

    public static WorldSpec Expand(Scenario scenario)
    {
        var rng = new DeterministicRandom(scenario.Seed);
        var gen = scenario.Generate;

        var services = scenario.Services.ToList();
        if (gen?.Services is { } sg)
        {
            long total = WeightedPick.Total(sg.KindWeights);
            for (int i = 1; i <= sg.Count; i++)
            {
                services.Add(new ServiceSpec
                {
                    Id = GeneratedIds.Of(sg.IdPrefix, i),
                    Kind = WeightedPick.Pick(sg.KindWeights, rng.NextBelow(total, KindDraw, (ulong)i)),
                    ValueAtRiskGwei = AmountSampler.Sample(sg.ValueAtRisk, rng, ValueDraw, (ulong)i),
                });
            }
        }
        var serviceIndex = Index(services.Select(s => s.Id));

        var operators = scenario.Operators.ToList();
        if (gen?.Operators is { } og)
        {
            var zipf = new ZipfPicker(services.Count, og.ServicePopularity);
            for (int i = 1; i <= og.Count; i++)
            {
                int k = og.MinServices + (int)rng.NextBelow(og.MaxServices - og.MinServices + 1, FanOutDraw, (ulong)i);
                var chosen = new SortedSet<int>();
                for (ulong attempt = 0; chosen.Count < k; attempt++)
                {
                    // Popularity draws first; after many collisions fall back to uniform so large k still terminates.
                    int pick = attempt < (ulong)(8 * k)
                        ? zipf.Pick(rng.NextFraction(ServicePickDraw, (ulong)i, attempt))
                        : (int)rng.NextBelow(services.Count, ServicePickDraw, (ulong)i, attempt);
                    chosen.Add(pick);
                }
                long each = og.AllocatedFractionWad / k;
                operators.Add(new OperatorSpec
                {
                    Id = GeneratedIds.Of(og.IdPrefix, i),
                    Group = og.Groups.Count == 0 ? null : og.Groups[(int)rng.NextBelow(og.Groups.Count, GroupDraw, (ulong)i)],
                    Allocations = chosen.Select(s => new AllocationSpec(services[s].Id, each)).ToList(),
                });
            }
        }
        var operatorIndex = Index(operators.Select(o => o.Id));
        var tokens = scenario.Tokens;
        var tokenIndex = Index(tokens.Select(t => t.Id));
        int AssetOf(string name) => name == "eth" ? WorldSpec.EthAsset : tokenIndex[name] + 1;

        var opServices = new int[operators.Count][];
        var opAllocations = new long[operators.Count][];
        for (int v = 0; v < operators.Count; v++)
        {
            var allocs = operators[v].Allocations.Select(a => (Service: serviceIndex[a.Service], a.MagnitudeWad)).OrderBy(a => a.Service).ToArray();
            opServices[v] = allocs.Select(a => a.Service).ToArray();
            opAllocations[v] = allocs.Select(a => a.MagnitudeWad).ToArray();
        }
        ReallocationEdges.Add(scenario, serviceIndex, operatorIndex, opServices, opAllocations);

        var stakers = ExpandStakers(scenario, rng, operatorIndex, operators.Count, AssetOf);

        // Operator stake before LRT deposits: the order in which an LRT's "allocate" picks the largest operators.
        var stakeByOperator = new long[operators.Count];
        // A deposit made later is not there at tick 0 (nor below, among the operator's native validators).
        for (int i = 0; i < stakers.Count; i++)
            if (stakers.TicksOf(i).DepositTick == 0) stakeByOperator[stakers.Operator[i]] += stakers.Amount[i];
        var lrtPositions = tokens.Select(t => ResolveLrt(t, operatorIndex, stakeByOperator, AssetOf)).ToList();

        var groups = scenario.BaseChain.ValidatorGroups.ToList();
        if (scenario.BaseChain.NativeValidatorsForOperators)
        {
            var nativeEth = new long[operators.Count];
            for (int i = 0; i < stakers.Count; i++)
                if (stakers.Asset[i] == WorldSpec.EthAsset && stakers.TicksOf(i).DepositTick == 0) nativeEth[stakers.Operator[i]] += stakers.Amount[i];
            foreach (var positions in lrtPositions)
                foreach (var p in positions)
                    if (p.Asset == WorldSpec.EthAsset) nativeEth[p.Operator] += p.AmountGwei;
            for (int v = 0; v < operators.Count; v++)
            {
                int count = (int)(nativeEth[v] / ElectraSlashing.ClassicEffectiveBalance);
                if (count > 0) groups.Add(new ValidatorGroupSpec(operators[v].Id + "/native", operators[v].Id, count, ElectraSlashing.ClassicEffectiveBalance));
            }
        }

        if (scenario.RandomFaults.Count > 0)
            scenario = scenario with { Faults = [.. scenario.Faults, .. DrawRandomFaults(scenario, services, rng)] };
        var world = new WorldSpec
        {
            Scenario = scenario,
            Services = services,
            Operators = operators,
            Tokens = tokens,
            ValidatorGroups = groups,
            Stakers = stakers,
            LrtPositions = lrtPositions,
            OperatorServices = opServices,
            OperatorAllocations = opAllocations,
        };
        foreach (var (k, v) in serviceIndex) world.ServiceIndex[k] = v;
        foreach (var (k, v) in operatorIndex) world.OperatorIndex[k] = v;
        foreach (var (k, v) in tokenIndex) world.TokenIndex[k] = v;
        for (int m = 0; m < scenario.LendingMarkets.Count; m++) world.LendingMarketIndex[scenario.LendingMarkets[m].Id] = m;
        for (int v = 0; v < scenario.Vaults.Count; v++) world.VaultIndex[scenario.Vaults[v].Id] = v;
        return world;
    }

    /// <summary>
    /// The random faults that fire in this trial (docs/random-faults.md): for each spec in file order, each tick, each
    /// service of its kind in world order, the fault fires when the draw for (seed, "random-fault:" + id, service, tick)
    /// as a fraction u = k·2⁻⁵³ is below the probability (exact: u·10¹⁸ &lt; p·2⁶⁴ in integers). Fired faults are listed
    /// faults like any other ("{id}@{service}@{tick}"), after the listed ones.
    /// </summary>
    public static IEnumerable<FaultSpec> DrawRandomFaults(Scenario scenario, IReadOnlyList<ServiceSpec> services, DeterministicRandom rng)
    {
        foreach (var spec in scenario.RandomFaults)
        {
            ulong purpose = DeterministicRandom.Purpose("random-fault:" + spec.Id);
            var members = Enumerable.Range(0, services.Count).Where(s => services[s].Kind == spec.ServiceKind).ToArray();
            UInt128 threshold = (UInt128)(ulong)spec.ProbabilityPerTickWad << 64;
            for (int t = 0; t < scenario.Ticks.Count; t++)
                foreach (int s in members)
                    if ((UInt128)rng.NextFraction(purpose, (ulong)s, (ulong)t) * (ulong)Wad.One < threshold)
                        yield return new FaultSpec
                        {
                            Id = $"{spec.Id}@{services[s].Id}@{t}",
                            Tick = t,
                            Type = spec.Type,
                            Service = services[s].Id,
                            FractionWad = spec.FractionWad,
                        };
        }
    }

    /// <summary>The ids of the expanded world's services, in world order (listed, then generated): <see cref="Expand"/>
    /// gives these whatever the seed, so a list of many runs' services can be had without expanding.</summary>
    public static IReadOnlyList<string> ServiceIds(Scenario scenario) =>
        scenario.Services.Select(s => s.Id)
            .Concat(scenario.Generate?.Services is { } sg ? Enumerable.Range(1, sg.Count).Select(i => GeneratedIds.Of(sg.IdPrefix, i)) : [])
            .ToList();

    private static StakerBook ExpandStakers(Scenario scenario, DeterministicRandom rng, Dictionary<string, int> operatorIndex, int operatorCount, Func<string, int> assetOf)
    {
        var sg = scenario.Generate?.Stakers;
        int listed = scenario.Stakers.Count, total = listed + (sg?.Count ?? 0);
        var op = new int[total];
        var asset = new byte[total];
        var amount = new long[total];
        for (int i = 0; i < listed; i++)
        {
            var s = scenario.Stakers[i];
            op[i] = operatorIndex[s.Operator];
            asset[i] = checked((byte)assetOf(s.Asset));
            amount[i] = s.AmountGwei;
        }
        if (sg is not null)
        {
            var zipf = new ZipfPicker(operatorCount, sg.OperatorPopularity);
            long weightTotal = WeightedPick.Total(sg.AssetWeights);
            var assetByName = sg.AssetWeights.ToDictionary(w => w.Key, w => checked((byte)assetOf(w.Key)));
            for (int j = 0; j < sg.Count; j++)
            {
                int i = listed + j;
                ulong n = (ulong)(j + 1);
                op[i] = zipf.Pick(rng.NextFraction(StakerOperatorDraw, n));
                asset[i] = assetByName[WeightedPick.Pick(sg.AssetWeights, rng.NextBelow(weightTotal, StakerAssetDraw, n))];
                amount[i] = AmountSampler.Sample(sg.Stake, rng, StakerAmountDraw, n);
            }
        }
        var ticks = scenario.Stakers.Any(s => s.HasOwnTicks) ? scenario.Stakers.Select(s => new StakerTicks(s.DepositTick, s.WithdrawTick)).ToArray() : null;
        return new StakerBook(scenario.Stakers.Select(s => s.Id).ToArray(), sg?.IdPrefix ?? "staker-", op, asset, amount, ticks);
    }

    private static IReadOnlyList<LrtPosition> ResolveLrt(TokenSpec token, Dictionary<string, int> operatorIndex, long[] stakeByOperator, Func<string, int> assetOf)
    {
        if (token.Type != TokenType.Lrt) return [];
        if (token.Allocate is not { } a)
            return token.Delegations.Select(d => new LrtPosition(operatorIndex[d.Operator], assetOf(d.Asset), d.AmountGwei)).ToList();

        // Spread over the largest operators in proportion to their stake (ties: lower index first); dust to the largest.
        var top = Enumerable.Range(0, stakeByOperator.Length)
            .OrderByDescending(v => stakeByOperator[v]).ThenBy(v => v)
            .Take(a.OperatorCount).ToArray();
        long weight = top.Sum(v => stakeByOperator[v]);
        var amounts = top.Select(v => weight == 0 ? a.AmountGwei / top.Length : Wad.MulDiv(a.AmountGwei, stakeByOperator[v], weight, Rounding.Down)).ToArray();
        amounts[0] += a.AmountGwei - amounts.Sum();
        int asset = assetOf(a.Asset);
        return top.Select((v, i) => new LrtPosition(v, asset, amounts[i])).Where(p => p.AmountGwei > 0).OrderBy(p => p.Operator).ToList();
    }

    private static Dictionary<string, int> Index(IEnumerable<string> ids)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in ids) map[id] = map.Count;
        return map;
    }
}
