using System.Globalization;
using System.Text.Json;
using Restaking.Domain.BaseChain;
using Restaking.Domain.Engine;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;
using Restaking.Domain.Tokens;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.BaseChain;

/// <summary>Electra slashing penalties (consensus-specs electra/beacon-chain.md: slash_validator, process_slashings),
/// directly and as they reach an LST through the reference engine.</summary>
public class ElectraSlashingTests
{
    private const long Gwei = 1_000_000_000L;
    private const long Total34M = 34_000_000 * Gwei;

    /// <summary>The spec's integer formula, written out independently of the production code:
    /// adj = min(Σslashings × 3, total); per_increment = adj // (total // 1e9); penalty = per_increment × (EB // 1e9).</summary>
    private static long SpecCorrelationPenalty(long sumSlashings, long total, long effectiveBalance)
    {
        long adjusted = Math.Min(sumSlashings * 3, total);
        long perIncrement = adjusted / (total / Gwei);
        return perIncrement * (effectiveBalance / Gwei);
    }

    [Fact]
    public void Lone_32_ETH_validator_among_34M_ETH()
    {
        // Σ = 32 ETH → adj = 96 ETH = 96e9 gwei; total // 1e9 = 34e6; per_increment = 96e9 // 34e6 = 2823 (2823.53…);
        // penalty = 2823 × 32 = 90,336 gwei.
        Assert.Equal(90_336L, ElectraSlashing.CorrelationPenalty(32 * Gwei, Total34M, 32 * Gwei));
        Assert.Equal(SpecCorrelationPenalty(32 * Gwei, Total34M, 32 * Gwei), ElectraSlashing.CorrelationPenalty(32 * Gwei, Total34M, 32 * Gwei));
    }

    [Fact]
    public void One_percent_of_stake_slashed_together()
    {
        // Σ = 340,000 ETH → adj = 1,020,000 ETH = 1.02e15 gwei; per_increment = 1.02e15 // 34e6 = 30,000,000 gwei;
        // penalty = 30,000,000 × 32 = 960,000,000 gwei = 0.96 ETH.
        Assert.Equal(960_000_000L, ElectraSlashing.CorrelationPenalty(340_000 * Gwei, Total34M, 32 * Gwei));
        // Compounding 2048 ETH validator: 30,000,000 × 2048 = 61.44 ETH.
        Assert.Equal(61_440_000_000L, ElectraSlashing.CorrelationPenalty(340_000 * Gwei, Total34M, 2048 * Gwei));
    }

    [Theory]
    [InlineData(32L)]
    [InlineData(2048L)]
    public void A_third_or_more_slashed_takes_the_whole_effective_balance(long effectiveBalanceEth)
    {
        // Σ × 3 ≥ total → adj = total; per_increment = 34e15 // 34e6 = 1e9 (one ETH per ETH); penalty = EB.
        long eb = effectiveBalanceEth * Gwei;
        long third = (Total34M + 2) / 3; // 11,333,333.333333334 ETH: Σ × 3 ≥ total
        Assert.Equal(eb, ElectraSlashing.CorrelationPenalty(third, Total34M, eb));
        Assert.Equal(eb, ElectraSlashing.CorrelationPenalty(Total34M, Total34M, eb));       // everything: capped at total
        Assert.Equal(eb, ElectraSlashing.CorrelationPenalty(Total34M / 2, Total34M, eb));
        // Just under a third (Σ × 3 = total − 3 gwei): per_increment = (34e15 − 3) // 34e6 = 999,999,999 → less than EB.
        long justUnder = Total34M / 3 - 1;
        Assert.Equal(SpecCorrelationPenalty(justUnder, Total34M, eb), ElectraSlashing.CorrelationPenalty(justUnder, Total34M, eb));
        Assert.Equal(999_999_999L * effectiveBalanceEth, ElectraSlashing.CorrelationPenalty(justUnder, Total34M, eb));
    }

    [Fact]
    public void Initial_penalty_is_effective_balance_over_4096()
    {
        // 32 ETH / 4096 = 32e9 / 4096 = 7,812,500 gwei; 2048 ETH / 4096 = 0.5 ETH.
        Assert.Equal(7_812_500L, ElectraSlashing.InitialPenalty(32 * Gwei));
        Assert.Equal(500_000_000L, ElectraSlashing.InitialPenalty(2048 * Gwei));
        // Floors: 1 ETH / 4096 = 244,140.625 → 244,140.
        Assert.Equal(244_140L, ElectraSlashing.InitialPenalty(Gwei));
    }

    [Fact]
    public void Correlation_penalty_matches_the_spec_formula_on_random_inputs()
    {
        var rng = new DeterministicRandom(DeterministicRandom.Purpose("electra-random"));
        for (ulong i = 0; i < 2000; i++)
        {
            long total = Gwei + rng.NextBelow(120_000_000 * Gwei, 1, i);
            long sum = rng.NextBelow(total, 2, i);
            long eb = (1 + rng.NextBelow(2048, 3, i)) * Gwei + rng.NextBelow(Gwei, 4, i); // fractional EBs floor to increments
            long penalty = ElectraSlashing.CorrelationPenalty(sum, total, eb);
            Assert.Equal(SpecCorrelationPenalty(sum, total, eb), penalty);
            Assert.InRange(penalty, 0, eb);
        }
    }

    /// <summary>An LST with 1,000 validators of 32 ETH (supply = backing = 100,000 ETH) among 34M ETH staked; at tick 1
    /// 10 % of them are slashed while 100,000 ETH is slashed elsewhere on the network. Daily ticks.</summary>
    private const string MassSlashingScenario = """
        { "name": "electra-lst", "seed": 1, "ticks": { "count": 30, "seconds": 86400 },
          "baseChain": { "totalActiveBalanceEth": 34000000,
            "validatorGroups": [ { "id": "steth-v", "owner": "steth", "count": 1000, "effectiveBalanceEth": 32 } ] },
          "tokens": [ { "id": "steth", "type": "lst", "supplyEth": 100000, "backingEth": 100000 } ],
          "faults": [ { "id": "client-bug", "tick": 1, "type": "base-chain-mass-slashing", "owners": ["steth"],
                        "fraction": 0.1, "otherSlashedEth": 100000 } ] }
        """;

    [Fact]
    public void Mass_slashing_hits_the_LST_with_the_initial_penalty_at_once_and_the_correlation_penalty_18_days_later()
    {
        var load = ScenarioLoader.LoadFromText("electra-lst.json", MassSlashingScenario, Restaking.ServiceKinds.BuiltInKinds.Registry().Names);
        Assert.True(load.IsValid, string.Join("\n", load.Errors));
        var result = new ReferenceEngine(Restaking.ServiceKinds.BuiltInKinds.Registry()).Run(load.Scenario!, cancellation: TestContext.Current.CancellationToken);

        // By hand: 10 % of 1,000 = 100 validators slashed at tick 1 (epoch 86,400 // 384 = 225).
        // Initial: 100 × (32e9 // 4096) = 100 × 7,812,500 = 781,250,000 gwei.
        // Correlation, due at epoch 225 + 4096 = 4321 = second 1,659,264 → first tick at or after it: ceil(19.2044) = 20
        // (4096 epochs × 384 s = 1,572,864 s ≈ 18.2 days after tick 1). Σ slashings in window = 100 × 32 + 100,000 ETH
        // = 103,200 ETH; adj = 309,600 ETH; per_increment = 309,600e9 // 34e6 = 9,105,882; per validator × 32 =
        // 291,388,224; × 100 = 29,138,822,400 gwei.
        const int slashed = 100;
        const long eb = 32 * Gwei;
        long initial = slashed * (eb / 4096);
        long correlation = slashed * SpecCorrelationPenalty(slashed * eb + 100_000 * Gwei, Total34M, eb);
        Assert.Equal(781_250_000L, initial);
        Assert.Equal(29_138_822_400L, correlation);
        int dueTick = (int)(((86_400L / 384 + 4096) * 384 + 86_400 - 1) / 86_400);
        Assert.Equal(20, dueTick);

        var penalties = result.EventLines.Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("kind").GetString() == "penalty").ToList();
        Assert.Equal(2, penalties.Count);
        Assert.All(penalties, p => Assert.Equal("steth", p.GetProperty("target").GetString()));
        Assert.Equal((1, initial), (penalties[0].GetProperty("tick").GetInt32(), penalties[0].GetProperty("amount_gwei").GetInt64()));
        Assert.Equal((dueTick, correlation), (penalties[1].GetProperty("tick").GetInt32(), penalties[1].GetProperty("amount_gwei").GetInt64()));

        var steth = Assert.IsType<LiquidStakingToken>(result.FinalWorld.Tokens[0]);
        long start = 100_000 * Gwei;
        Assert.Equal(start - initial - correlation, steth.BackingValueGwei); // 99,970,079,927,600

        // The timeline's NAV column steps exactly at tick 1 and tick 20.
        var rows = result.TimelineCsv.TrimEnd('\n').Split('\n');
        int nav = Array.IndexOf(rows[0].Split(','), "nav_steth_wad");
        Assert.True(nav > 0);
        long Nav(int tick) => long.Parse(rows[tick + 1].Split(',')[nav], CultureInfo.InvariantCulture);
        Assert.Equal(Wad.One, Nav(0));
        for (int t = 1; t < dueTick; t++) Assert.Equal(Wad.Ratio(start - initial, start, Rounding.Down), Nav(t));
        for (int t = dueTick; t < 30; t++) Assert.Equal(Wad.Ratio(start - initial - correlation, start, Rounding.Down), Nav(t));
        Assert.Equal(0, result.FinalWorld.BaseChain.PendingPenalties);
    }

    [Fact]
    public void Mass_slashing_issues_the_whistleblower_reward_once_and_the_summary_totals_it()
    {
        // slash_validator (Electra): whistleblower_reward = 32e9 // 4096 = 7,812,500 gwei a validator, of which the proposer
        // gets × PROPOSER_WEIGHT // WEIGHT_DENOMINATOR = × 8 // 64 = 976,562. 100 validators: 781,250,000 and 97,656,200.
        var load = ScenarioLoader.LoadFromText("electra-lst.json", MassSlashingScenario, Restaking.ServiceKinds.BuiltInKinds.Registry().Names);
        var result = new ReferenceEngine(Restaking.ServiceKinds.BuiltInKinds.Registry()).Run(load.Scenario!, cancellation: TestContext.Current.CancellationToken);
        var rewards = result.EventLines.Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("kind").GetString() == "whistleblowerreward").ToList();
        var reward = Assert.Single(rewards);
        Assert.Equal(1, reward.GetProperty("tick").GetInt32());
        Assert.Equal(781_250_000L, reward.GetProperty("amount_gwei").GetInt64());
        Assert.Equal("validator_group=steth-v;validators=100;proposer_gwei=97656200", reward.GetProperty("detail").GetString());
        Assert.Equal(976_562L, ElectraSlashing.ProposerReward(32 * Gwei));
        Assert.Equal(62_500_000L, ElectraSlashing.ProposerReward(2048 * Gwei));   // 2048e9 // 4096 = 500,000,000; × 8 // 64
        var summary = JsonDocument.Parse(result.SummaryJson).RootElement;
        Assert.Equal(781_250_000L, summary.GetProperty("whistleblowerRewardsGwei").GetInt64());
    }

    [Fact]
    public void Correlation_penalty_is_still_pending_when_the_run_ends_first()
    {
        var load = ScenarioLoader.LoadFromText("electra-lst.json", MassSlashingScenario, Restaking.ServiceKinds.BuiltInKinds.Registry().Names);
        var scenario = load.Scenario! with { Ticks = new TickClock(20, 86400) }; // ticks 0..19: the due tick 20 never comes
        var result = new ReferenceEngine(Restaking.ServiceKinds.BuiltInKinds.Registry()).Run(scenario, cancellation: TestContext.Current.CancellationToken);
        Assert.Equal(1, result.FinalWorld.BaseChain.PendingPenalties);
        Assert.Equal(100_000 * Gwei - 781_250_000L, result.FinalWorld.Tokens[0].BackingValueGwei);
    }
}
