using System.Text;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Engine;

/// <summary>
/// Small random scenarios written as JSON text (so the loader is exercised too), plus the facts the generator knows
/// independently of the engine: every deposit and every LST's initial price.
/// </summary>
internal sealed class RandomWorld
{
    public required string Json { get; init; }
    /// <summary>(operator id, asset name) → deposited gwei and the number of depositors (stakers and LRT positions).</summary>
    public required Dictionary<(string Operator, string Asset), (long Gwei, int Depositors)> Deposits { get; init; }
    /// <summary>Each depositor: (operator, asset, amount).</summary>
    public required List<(string Operator, string Asset, long Gwei)> Depositors { get; init; }
    /// <summary>Initial price (WAD) per LST id: floor(backing × WAD / supply).</summary>
    public required Dictionary<string, long> InitialLstPrice { get; init; }
    public required HashSet<string> FaultTypes { get; init; }
    public required bool ConstantPrices { get; init; }

    public long InitialPrice(string asset) => asset == "eth" ? Wad.One : InitialLstPrice[asset];
}

internal static class RandomWorlds
{
    public static readonly string[] AllFaultTypes =
        ["operator-equivocation", "rogue-service", "correlated-outage", "base-chain-mass-slashing", "token-price-shock", "bridge-exploit"];

    /// <summary>
    /// World <paramref name="index"/> of a family. With <paramref name="constantPrices"/> nothing can move a price: no
    /// price shocks, no bridge exploits, no bridge wraps a token (so an attacked bridge drains nothing), and no validators
    /// owned by an LST (so no LST penalty); operators' native validators still take base-chain penalties.
    /// </summary>
    public static RandomWorld Create(int index, bool constantPrices)
    {
        var rng = new DeterministicRandom(DeterministicRandom.Purpose(constantPrices ? "conservation-constant" : "conservation-all"));
        ulong counter = 0;
        long Below(long n) => rng.NextBelow(n, 1, (ulong)index, counter++);
        T Pick<T>(IReadOnlyList<T> list) => list[(int)Below(list.Count)];
        string Eth(long gwei) => Gwei.ToEthString(gwei);
        string Frac(long wad) => Wad.ToDecimalString(wad);
        string Q(string s) => "\"" + s + "\"";

        int tickSeconds = Below(2) == 0 ? 3600 : 86400;
        int ticks = 8 + (int)Below(25);
        var model = SecurityModelNames.All[index % SecurityModelNames.All.Count];
        var search = Pick(new[] { "auto", "exact", "heuristic" });
        bool native = Below(2) == 0;

        // Tokens.
        var lsts = new List<string> { "steth" };
        if (Below(2) == 0) lsts.Add("reth");
        var lstPrice = new Dictionary<string, long>();
        var tokenJson = new List<string>();
        foreach (var id in lsts)
        {
            long supply = (50_000 + Below(100_000)) * Gwei.PerEth;
            long backing = supply - Below(1_000 * Gwei.PerEth);
            lstPrice[id] = Wad.Ratio(backing, supply, Rounding.Down);
            tokenJson.Add($"{{ \"id\": {Q(id)}, \"type\": \"lst\", \"supplyEth\": {Eth(supply)}, \"backingEth\": {Eth(backing)} }}");
        }
        var assets = new List<string> { "eth" };
        assets.AddRange(lsts);

        // Services: one or two of each kind.
        var services = new List<(string Id, string Kind)>();
        var serviceJson = new List<string>();
        foreach (var kind in new[] { "bridge", "oracle", "da-layer" })
        {
            int n = 1 + (int)Below(2);
            for (int k = 1; k <= n; k++)
            {
                var id = $"{kind}-{k}";
                services.Add((id, kind));
                var extra = new StringBuilder();
                if (Below(3) == 0) extra.Append($", \"slashFraction\": {Frac(1 + Below(Wad.One))}");
                if (Below(3) == 0) extra.Append($", \"livenessSlash\": {Frac(Below(Wad.One / 10))}");
                if (Below(3) == 0) extra.Append($", \"attackThreshold\": {Frac(Wad.One / 4 + Below(Wad.One / 2))}");
                if (kind == "bridge" && !constantPrices && Below(2) == 0) extra.Append($", \"wraps\": {Q(Pick(lsts.Append("ezeth").ToList()))}");
                serviceJson.Add($"{{ \"id\": {Q(id)}, \"kind\": {Q(kind)}, \"valueAtRiskEth\": {Eth((1 + Below(20_000)) * Gwei.PerEth + Below(Gwei.PerEth))}{extra} }}");
            }
        }

        // Operators with allocations summing to at most WAD.
        int operatorCount = 3 + (int)Below(6);
        var groups = new[] { "cloud-a", "cloud-b", "bare-metal" };
        var operators = new List<(string Id, string Group, List<string> Services)>();
        var operatorJson = new List<string>();
        for (int v = 1; v <= operatorCount; v++)
        {
            int k = 1 + (int)Below(Math.Min(4, services.Count));
            var chosen = services.Select(s => s.Id).OrderBy(_ => Below(1_000_000)).Take(k).ToList();
            var group = Pick(groups);
            var allocs = chosen.Select(s => $"{{ \"service\": {Q(s)}, \"magnitude\": {Frac(1 + Below(Wad.One / k))} }}");
            operators.Add(($"op-{v}", group, chosen));
            operatorJson.Add($"{{ \"id\": \"op-{v}\", \"group\": {Q(group)}, \"allocations\": [ {string.Join(", ", allocs)} ] }}");
        }

        // Stakers and an LRT.
        var depositors = new List<(string Operator, string Asset, long Gwei)>();
        var stakerJson = new List<string>();
        int stakerCount = 3 + (int)Below(12);
        for (int i = 1; i <= stakerCount; i++)
        {
            var op = Pick(operators).Id;
            var asset = Pick(assets);
            long amount = Gwei.PerEth + Below(1_000 * Gwei.PerEth);
            depositors.Add((op, asset, amount));
            stakerJson.Add($"{{ \"id\": \"staker-{i}\", \"operator\": {Q(op)}, \"asset\": {Q(asset)}, \"amountEth\": {Eth(amount)} }}");
        }
        var delegations = new List<string>();
        foreach (var op in operators.Select(o => o.Id).OrderBy(_ => Below(1_000_000)).Take(1 + (int)Below(3)))
        {
            var asset = Pick(assets);
            long amount = Gwei.PerEth + Below(2_000 * Gwei.PerEth);
            depositors.Add((op, asset, amount));
            delegations.Add($"{{ \"operator\": {Q(op)}, \"asset\": {Q(asset)}, \"amountEth\": {Eth(amount)} }}");
        }
        tokenJson.Add($"{{ \"id\": \"ezeth\", \"type\": \"lrt\", \"delegations\": [ {string.Join(", ", delegations)} ] }}");

        var deposits = new Dictionary<(string, string), (long, int)>();
        foreach (var (op, asset, amount) in depositors)
        {
            var (sum, count) = deposits.GetValueOrDefault((op, asset));
            deposits[(op, asset)] = (sum + amount, count + 1);
        }

        // Base chain.
        var groupJson = new List<string>();
        if (!constantPrices)
            foreach (var lst in lsts)
                groupJson.Add($"{{ \"id\": \"{lst}-v\", \"owner\": {Q(lst)}, \"count\": {100 + Below(1_000)}, \"effectiveBalanceEth\": {Pick(new[] { 32, 2048 })} }}");

        // Faults.
        var types = constantPrices
            ? AllFaultTypes.Where(t => t is not ("token-price-shock" or "bridge-exploit")).ToArray()
            : AllFaultTypes;
        var faultJson = new List<string>();
        var usedTypes = new HashSet<string>();
        int faultCount = 1 + (int)Below(6);
        for (int f = 1; f <= faultCount; f++)
        {
            var type = Pick(types);
            usedTypes.Add(type);
            var head = $"\"id\": \"f-{f}\", \"tick\": {Below(ticks)}, \"type\": {Q(type)}";
            string body = type switch
            {
                "operator-equivocation" => Equivocation(),
                "rogue-service" => $", \"service\": {Q(Pick(services).Id)}" + (Below(2) == 0 ? $", \"fraction\": {Frac(1 + Below(Wad.One))}" : ""),
                "correlated-outage" => Below(2) == 0
                    ? $", \"group\": {Q(Pick(operators).Group)}"
                    : $", \"operators\": [ {string.Join(", ", operators.Where(_ => Below(2) == 0).DefaultIfEmpty(operators[0]).Select(o => Q(o.Id)))} ]",
                "base-chain-mass-slashing" => MassSlashing(),
                "token-price-shock" => $", \"token\": {Q(Pick(lsts.Append("ezeth").ToList()))}, \"fraction\": {Frac(1 + Below(Wad.One / 2))}",
                "bridge-exploit" => $", \"service\": {Q(Pick(services.Where(s => s.Kind == "bridge").ToList()).Id)}"
                    + (Below(2) == 0 ? $", \"amountEth\": {Eth(1 + Below(30_000 * Gwei.PerEth))}" : ""),
                _ => throw new InvalidOperationException(type),
            };
            faultJson.Add("{ " + head + body + " }");
        }

        // Symbiotic vaults shared by 2–3 operators (drawn after everything else, so the rest of each world is unchanged);
        // read under the two Symbiotic models, ignored under the others.
        var vaultJson = new List<string>();
        var free = operators.OrderBy(_ => Below(1_000_000)).ToList();
        int vaultCount = (int)Below(3);
        for (int k = 1; k <= vaultCount && free.Count >= 2; k++)
        {
            int n = 2 + (int)Below(Math.Min(2, free.Count - 1));
            var members = free.Take(n).ToList();
            free.RemoveRange(0, n);
            var delegator = Pick(new[] { "", ", \"delegator\": \"full-restake\"", ", \"delegator\": \"network-restake\"" });
            var limit = Below(2) == 0 ? $", \"networkLimits\": {{ {Q(Pick(members[0].Services))}: {Eth(Below(3_000 * Gwei.PerEth))} }}" : "";
            vaultJson.Add($"{{ \"id\": \"vault-{k}\"{delegator}, \"operators\": [ {string.Join(", ", members.Select(m => Q(m.Id)))} ]{limit} }}");
        }

        string Equivocation()
        {
            var op = Pick(operators);
            return $", \"operator\": {Q(op.Id)}, \"service\": {Q(Pick(op.Services))}";
        }

        string MassSlashing()
        {
            var sb = new StringBuilder($", \"fraction\": {Frac(1 + Below(Wad.One))}");
            if (Below(3) != 0)
            {
                var candidates = operators.Select(o => o.Id).Concat(constantPrices ? new List<string>() : lsts).ToList();
                var owners = candidates.Where(_ => Below(2) == 0).DefaultIfEmpty(candidates[0]).Select(Q);
                sb.Append($", \"owners\": [ {string.Join(", ", owners)} ]");
            }
            if (Below(2) == 0) sb.Append($", \"otherSlashedEth\": {Eth(Below(2_000_000 * Gwei.PerEth))}");
            return sb.ToString();
        }

        var json = $$"""
            { "name": "random-{{index}}", "seed": {{index}}, "ticks": { "count": {{ticks}}, "seconds": {{tickSeconds}} },
              "securityModel": "{{model}}", "adversary": { "search": "{{search}}" },
              "baseChain": { "totalActiveBalanceEth": 34000000, "nativeValidatorsForOperators": {{(native ? "true" : "false")}},
                "validatorGroups": [ {{string.Join(", ", groupJson)}} ] },
              "tokens": [ {{string.Join(",\n    ", tokenJson)}} ],
              "services": [ {{string.Join(",\n    ", serviceJson)}} ],
              "operators": [ {{string.Join(",\n    ", operatorJson)}} ],
              "stakers": [ {{string.Join(",\n    ", stakerJson)}} ],
              "vaults": [ {{string.Join(",\n    ", vaultJson)}} ],
              "faults": [ {{string.Join(",\n    ", faultJson)}} ] }
            """;
        return new RandomWorld
        {
            Json = json,
            Deposits = deposits,
            Depositors = depositors,
            InitialLstPrice = lstPrice,
            FaultTypes = usedTypes,
            ConstantPrices = constantPrices,
        };
    }
}
