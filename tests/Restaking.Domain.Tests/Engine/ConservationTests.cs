using System.Globalization;
using System.Text.Json;
using Restaking.Domain.EigenLayer;
using Restaking.Domain.Engine;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Engine;

/// <summary>
/// Conservation on random small worlds run through the reference engine, checked exactly in integers: no negative
/// balance, magnitudes within bounds, lazy staker balances never exceeding the pool, and — when no price can move —
/// every gwei of restaked value that disappears is accounted for by a slash or penalty event.
/// </summary>
public class ConservationTests(ITestOutputHelper output)
{
    private const int WorldsPerFamily = 60;

    private static readonly ServiceKindRegistry Kinds = Restaking.ServiceKinds.BuiltInKinds.Registry();

    private sealed record Event(int Tick, string Kind, string Target, long Amount);

    private sealed class Tally
    {
        public int Worlds, VaultWorlds, VaultChecks, Pools, Operators, QuiescentValueChecks, SkippedValueChecks, TickRows, SlashEvents, PenaltyEvents, PoolsLosingShares;
        public long SlashedGwei;
        public readonly HashSet<string> FaultTypes = [];
        public readonly HashSet<string> Models = [];
    }

    [Fact]
    public void Invariants_hold_on_random_worlds_with_every_fault_type()
    {
        var tally = new Tally();
        for (int i = 0; i < WorldsPerFamily; i++) RunAndCheck(RandomWorlds.Create(i, constantPrices: false), i, tally);
        Report("all fault types", tally, ["deposits per pool = generated deposits", "0 ≤ shares ≤ deposits", "SharesOf = pool shares",
            "0 ≤ maxMagnitude ≤ WAD", "each allocation ≤ max", "encumbered ≤ max", "Σ withdrawable ≤ pool shares, dust < depositors",
            "operator value = Σ floor(shares × current price) (when no round cap hit)", "NAV/price ≥ 0, price ≤ NAV", "remaining value at risk ≥ 0",
            "event amounts ≥ 0", "restaked value non-increasing, cumulative slashed non-decreasing", "initial/final restaked match summary",
            "shared vault: collateral = Σ its operators' values (when no round cap hit)"]);
        Assert.Equal(RandomWorlds.AllFaultTypes.Order(StringComparer.Ordinal), tally.FaultTypes.Order(StringComparer.Ordinal));
        Assert.True(tally.SlashEvents > WorldsPerFamily, $"only {tally.SlashEvents} slash events: the worlds are too quiet to test anything");
        Assert.True(tally.PenaltyEvents > 0, "no base-chain penalty in any world");
        Assert.True(tally.VaultChecks > 10, $"only {tally.VaultChecks} shared-vault checks: too few Symbiotic worlds with vaults");
    }

    [Fact]
    public void At_constant_prices_every_lost_gwei_is_a_slash_or_penalty_event()
    {
        var tally = new Tally();
        for (int i = 0; i < WorldsPerFamily; i++) RunAndCheck(RandomWorlds.Create(i, constantPrices: true), i, tally);
        Report("constant prices", tally, ["all invariants above",
            "per tick: restaked[t] + slashed_total[t] = initial restaked (gwei-exact)",
            "per operator: initial value − final value = Σ slash/penalty events targeting it",
            "summary slashedGwei.total = Σ slash/penalty event amounts",
            "per ETH pool of an ETH-only operator: deposits − shares = Σ its events"]);
        Assert.True(tally.SlashEvents > WorldsPerFamily, $"only {tally.SlashEvents} slash events");
        Assert.True(tally.PenaltyEvents > 0, "no native-validator penalty in any world");
        Assert.Equal(SecurityModelNames.All.Order(StringComparer.Ordinal), tally.Models.Order(StringComparer.Ordinal));
        Assert.True(tally.VaultWorlds > 10, $"only {tally.VaultWorlds} Symbiotic worlds with shared vaults");
    }

    private void Report(string family, Tally t, string[] checks)
    {
        output.WriteLine($"{family}: {t.Worlds} worlds ({string.Join(", ", t.Models.Order(StringComparer.Ordinal))}), fault types {string.Join(", ", t.FaultTypes.Order(StringComparer.Ordinal))}");
        output.WriteLine($"  {t.VaultWorlds} worlds with shared Symbiotic vaults, collateral checked {t.VaultChecks}×");
        output.WriteLine($"  {t.Operators} operators, {t.Pools} pools ({t.PoolsLosingShares} lost shares), {t.TickRows} timeline rows");
        output.WriteLine($"  {t.SlashEvents} slash events, {t.PenaltyEvents} penalty events, {Gwei.ToEthString(t.SlashedGwei)} ETH slashed in total");
        output.WriteLine($"  operator value vs prices checked {t.QuiescentValueChecks}×, skipped {t.SkippedValueChecks}× (round cap hit)");
        foreach (var c in checks) output.WriteLine("  check: " + c);
    }

    private static void RunAndCheck(RandomWorld random, int index, Tally tally)
    {
        var load = ScenarioLoader.LoadFromText($"random-{index}.json", random.Json, Kinds.Names);
        Assert.True(load.IsValid, $"world {index}:\n{string.Join("\n", load.Errors)}\n{random.Json}");
        var scenario = load.Scenario!;
        var result = new ReferenceEngine(Kinds).Run(scenario, cancellation: TestContext.Current.CancellationToken);
        var world = result.FinalWorld;
        var spec = world.Spec;
        string where = $"world {index} ({(random.ConstantPrices ? "constant" : "all")})";

        tally.Worlds++;
        tally.Models.Add(SecurityModelNames.Of(scenario.SecurityModel));
        tally.FaultTypes.UnionWith(random.FaultTypes);

        var events = result.EventLines.Select(line =>
        {
            var e = JsonDocument.Parse(line).RootElement;
            return new Event(e.GetProperty("tick").GetInt32(), e.GetProperty("kind").GetString()!, e.GetProperty("target").GetString()!,
                e.GetProperty("amount_gwei").GetInt64());
        }).ToList();
        Assert.All(events, e => Assert.True(e.Amount >= 0, $"{where}: negative event amount {e}"));
        // Restaked stake lost: slashes and penalties against operators (penalties on an LST's own validators lower
        // its backing and count as value lost, not as slashed stake).
        var operatorIds = world.Operators.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var losses = events.Where(e => e.Kind is "slash" or "penalty" && operatorIds.Contains(e.Target)).ToList();
        tally.SlashEvents += losses.Count(e => e.Kind == "slash");
        tally.PenaltyEvents += losses.Count(e => e.Kind == "penalty");
        tally.SlashedGwei += losses.Sum(e => e.Amount);

        using var summaryDoc = JsonDocument.Parse(result.SummaryJson);
        var summary = summaryDoc.RootElement;
        bool quiescent = summary.GetProperty("roundCapHits").GetInt32() == 0;

        // Prices now: ETH at par, tokens at their current price.
        long PriceNow(int asset) => asset == WorldSpec.EthAsset ? Wad.One : world.Tokens[asset - 1].PriceWad;

        long initialTotal = 0;
        foreach (var op in world.Operators)
        {
            tally.Operators++;
            // Pools: exactly the generated deposits, shares within [0, deposits].
            var expectedPools = random.Deposits.Where(d => d.Key.Operator == op.Id).ToDictionary(d => d.Key.Asset, d => d.Value);
            Assert.Equal(expectedPools.Keys.Order(StringComparer.Ordinal), op.Pools.Select(p => spec.AssetName(p.Asset)).Order(StringComparer.Ordinal));
            long initialValue = 0, expectedValue = 0;
            foreach (var pool in op.Pools)
            {
                tally.Pools++;
                string asset = spec.AssetName(pool.Asset);
                var (deposited, depositorCount) = expectedPools[asset];
                Assert.Equal(deposited, pool.Deposits);
                Assert.InRange(pool.Shares, 0, pool.Deposits);
                Assert.Equal(pool.Shares, op.SharesOf(pool.Asset));
                if (pool.Shares < pool.Deposits) tally.PoolsLosingShares++;

                // Lazy balances: Σ floor(d_i × S / D) ≤ S and S − Σ < number of depositors (each floor loses < 1).
                long withdrawable = random.Depositors.Where(d => d.Operator == op.Id && d.Asset == asset)
                    .Sum(d => WithdrawableShares.Of(d.Gwei, pool.Shares, pool.Deposits));
                Assert.True(withdrawable <= pool.Shares, $"{where}: {op.Id}/{asset} withdrawable {withdrawable} > shares {pool.Shares}");
                Assert.True(pool.Shares - withdrawable < depositorCount, $"{where}: {op.Id}/{asset} dust {pool.Shares - withdrawable} ≥ {depositorCount} depositors");

                initialValue += Wad.Mul(deposited, random.InitialPrice(asset), Rounding.Down);
                expectedValue += Wad.Mul(pool.Shares, PriceNow(pool.Asset), Rounding.Down);
            }
            initialTotal += initialValue;

            // Magnitudes.
            Assert.InRange(op.MaxMagnitude, 0, Wad.One);
            long encumbered = 0;
            foreach (int s in op.Services)
            {
                long a = op.Allocation(s);
                Assert.InRange(a, 0, op.MaxMagnitude);
                encumbered += a;
            }
            Assert.True(encumbered <= op.MaxMagnitude, $"{where}: {op.Id} encumbered {encumbered} > max {op.MaxMagnitude}");
            if (op.MaxMagnitude < Wad.One) Assert.True(op.EverSlashed, $"{where}: {op.Id} lost magnitude without being marked slashed");

            // Value at the prices the operator has heard of = value at current prices, once the cascade has settled.
            Assert.True(op.ValueGwei >= 0);
            if (quiescent) { Assert.Equal(expectedValue, op.ValueGwei); tally.QuiescentValueChecks++; }
            else tally.SkippedValueChecks++;

            if (random.ConstantPrices)
            {
                // Every gwei this operator lost is an event that names it.
                long lost = losses.Where(e => e.Target == op.Id).Sum(e => e.Amount);
                Assert.True(initialValue - op.ValueGwei == lost, $"{where}: {op.Id} lost {initialValue - op.ValueGwei} but events say {lost}");
                if (op.Pools is [{ Asset: WorldSpec.EthAsset } only])
                    Assert.Equal(only.Deposits - only.Shares, lost); // ETH: shares are gwei, so this is a share-level check
            }
        }

        // A shared vault is the only writer of its operators' pools: once the cascade settles, its collateral is their value.
        if (world.Vaults.Count > 0) tally.VaultWorlds++;
        foreach (var vault in world.Vaults)
        {
            if (!quiescent) continue;
            Assert.Equal(vault.Operators.Sum(v => world.Operators[v].ValueGwei), vault.ActiveStake);
            tally.VaultChecks++;
        }

        foreach (var token in world.Tokens)
        {
            Assert.True(token.NavWad >= 0 && token.PriceWad >= 0 && token.BackingValueGwei >= 0, $"{where}: {token.Id} negative");
            Assert.True(token.PriceWad <= token.NavWad, $"{where}: {token.Id} price above NAV");
        }
        Assert.All(world.Services, s => Assert.True(s.RemainingValueAtRiskGwei >= 0, $"{where}: {s.Profile.Id} value at risk below zero"));

        // Summary and timeline.
        Assert.Equal(initialTotal, summary.GetProperty("initialRestakedGwei").GetInt64());
        Assert.Equal(world.RestakedValueGwei, summary.GetProperty("finalRestakedGwei").GetInt64());
        var rows = result.TimelineCsv.TrimEnd('\n').Split('\n');
        Assert.Equal(scenario.Ticks.Count + 1, rows.Length);
        var header = rows[0].Split(',');
        int restakedCol = Array.IndexOf(header, "restaked_value_gwei"), slashedCol = Array.IndexOf(header, "slashed_gwei");
        long previousRestaked = initialTotal, previousSlashed = 0;
        for (int t = 0; t < scenario.Ticks.Count; t++)
        {
            var cells = rows[t + 1].Split(',');
            long restaked = long.Parse(cells[restakedCol], CultureInfo.InvariantCulture);
            long slashed = long.Parse(cells[slashedCol], CultureInfo.InvariantCulture);
            Assert.True(restaked <= previousRestaked, $"{where}: restaked value rose at tick {t}");
            Assert.True(slashed >= previousSlashed, $"{where}: cumulative slashed fell at tick {t}");
            Assert.Equal(losses.Where(e => e.Tick <= t).Sum(e => e.Amount), slashed);
            if (random.ConstantPrices) Assert.True(restaked + slashed == initialTotal, $"{where}: tick {t}: {restaked} + {slashed} ≠ {initialTotal}");
            previousRestaked = restaked;
            previousSlashed = slashed;
            tally.TickRows++;
        }
        Assert.Equal(world.RestakedValueGwei, previousRestaked);
        Assert.Equal(losses.Sum(e => e.Amount), summary.GetProperty("slashedGwei").GetProperty("total").GetInt64());
        if (random.ConstantPrices) Assert.Equal(initialTotal, world.RestakedValueGwei + losses.Sum(e => e.Amount));
    }
}
