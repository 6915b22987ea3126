using System.Text.Json;
using Restaking.Domain.Engine;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Engine;

/// <summary>
/// scenarios/symbiotic-vaults.json: security-models.json's world and shock (oracle-1 slashes its operators by 100 % of
/// the stake it sees) plus one vault shared by op-a (9,000 ETH), op-c (10,000 ETH) and op-e (3,000 stETH + 6,000 stETH
/// of rsteth): 28,000 ETH of collateral. The figures are the table's in docs/models/symbiotic.md, worked by hand.
/// </summary>
public class SymbioticVaultsScenarioTests
{
    private const long Eth = Gwei.PerEth;

    /// <summary>A shipped file run on the reference engine under <paramref name="model"/>, with its summary parsed.</summary>
    internal static (RunResult Result, JsonElement Summary) Run(string file, SecurityModel model)
    {
        var result = ShippedScenario.Run(file, model: model);
        return (result, ShippedScenario.Summary(result));
    }

    private static long Slashed(JsonElement summary) => summary.GetProperty("slashedGwei").GetProperty("total").GetInt64();

    private static string[] Compromised(JsonElement summary) =>
        [.. summary.GetProperty("servicesCompromised").EnumerateArray().Select(s => s.GetString()!)];

    private static string Nav(JsonElement summary, string token) =>
        summary.GetProperty("tokens").EnumerateArray().Single(t => t.GetProperty("id").GetString() == token).GetProperty("finalNav").GetString()!;

    [Fact]
    public void Full_restake_one_slash_of_op_a_empties_the_vault_that_backs_op_c_and_op_e()
    {
        // FullRestakeDelegator without limits: oracle-1 sees the whole 28,000 through op-a and takes it (onSlash); op-b,
        // op-d and op-f (no vault) lose their own 12,000 + 7,000 + 8,000. Nothing is left: 55,000 of 55,000, six operators
        // hit (pooled: four), and the adversary takes every service with no stake behind it.
        var (result, summary) = Run("symbiotic-vaults.json", SecurityModel.SymbioticFullRestake);
        Assert.Equal(55_000 * Eth, Slashed(summary));
        Assert.Equal(6, summary.GetProperty("operatorsSlashed").GetInt32());
        Assert.Equal(["bridge-1", "oracle-1", "oracle-2", "da-1"], Compromised(summary));
        Assert.Equal("0", Nav(summary, "rsteth"));
        var vaultSlashes = result.EventLines.Where(l => l.Contains("\"vault=curated-1;slashed_operator=op-a", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, vaultSlashes.Count); // op-a 9,000, op-c 10,000, op-e 9,000: one slash, three operators' stakers
        Assert.Contains("\"target\":\"op-c\",\"amount_gwei\":10000000000000", vaultSlashes[1]);
    }

    [Fact]
    public void Network_restake_takes_op_a_s_allocation_from_the_whole_vault_pro_rata()
    {
        // NetworkRestakeDelegator defaults: oracle-1 sees op-a's 0.3 × 9,000 = 2,700 (limit and shares from the
        // allocations). onSlash takes 2,700 of 28,000: every pool of op-a, op-c and op-e keeps 25,300/28,000 (rounded up
        // per pool, so 1 gwei less is taken in all). op-b, op-d, op-f lose their oracle-1 allocations: 2,400 + 2,100 +
        // 1,600. Total 8,800 − 1 gwei, as unique stake, but six operators' stakers pay, not four; 25,300 still covers every
        // network limit of the vault (bridge-1 9,300, oracle-2 5,700, da-1 4,800, oracle-1 2,700), so oracle-1 keeps its
        // stake and no attack follows.
        var (_, summary) = Run("symbiotic-vaults.json", SecurityModel.SymbioticNetworkRestake);
        Assert.Equal(8_800 * Eth - 1, Slashed(summary));
        Assert.Equal(6, summary.GetProperty("operatorsSlashed").GetInt32());
        Assert.Empty(Compromised(summary));
        // op-c's staker never secured oracle-1 and loses 2,700/28,000 = 9.642857…%.
        var stakers = summary.GetProperty("stakers");
        Assert.Equal(6, stakers.GetProperty("withLoss").GetInt32());
        Assert.StartsWith("0.0964285714", stakers.GetProperty("lossP50").GetString()!);
        // rsteth: op-b's 8,000 stETH keep 0.8 (unique stake's slash of op-b) and op-e's 6,000 keep 25,300/28,000.
        Assert.StartsWith("0.8443877551", Nav(summary, "rsteth"));
    }

    [Theory]
    [InlineData(SecurityModel.Pooled)]
    [InlineData(SecurityModel.UniqueStake)]
    public void Pooled_and_unique_stake_ignore_the_vault(SecurityModel model)
    {
        var (withVault, _) = Run("symbiotic-vaults.json", model);
        var (without, _) = Run("security-models.json", model);
        Assert.Equal(without.TimelineCsv, withVault.TimelineCsv);
        Assert.Equal(without.EventLines, withVault.EventLines);
        Assert.Empty(withVault.FinalWorld.Vaults);
    }

    /// <summary>symbiotic-vaults.json with oracle-1 behind a 2-tick veto slasher (resolver as given).</summary>
    private static JsonElement RunWithVeto(string resolver, SecurityModel model)
    {
        var scenario = ShippedScenario.Load("symbiotic-vaults.json", text => ShippedScenario.Replace(text,
            "{ \"id\": \"oracle-1\", \"kind\": \"oracle\", \"valueAtRiskEth\": 2000 }",
            "{ \"id\": \"oracle-1\", \"kind\": \"oracle\", \"valueAtRiskEth\": 2000, \"slasher\": { \"type\": \"veto\", \"vetoTicks\": 2, \"resolver\": \"" + resolver + "\" } }"));
        Assert.Contains(scenario.Services, s => s.Id == "oracle-1" && s.Slasher is not null);
        return ShippedScenario.Summary(ShippedScenario.Run(scenario, model));
    }

    [Theory]
    [InlineData(SecurityModel.SymbioticFullRestake)]
    [InlineData(SecurityModel.SymbioticNetworkRestake)]
    public void A_veto_slasher_in_front_of_a_shared_vault_executes_what_the_vault_would_and_a_resolver_stops_it(SecurityModel model)
    {
        // Without a resolver VetoSlasher.executeSlash runs at once with the amount the capture allows: the vault takes the
        // same collateral as with the instant slasher (55,000 / 8,800 − 1 gwei above). Vetoing the rogue contract's
        // requests leaves every operator whole: nothing slashed, nothing compromised.
        var (_, instant) = Run("symbiotic-vaults.json", model);
        var none = RunWithVeto("none", model);
        Assert.Equal(Slashed(instant), Slashed(none));
        Assert.Equal(Compromised(instant), Compromised(none));
        var vetoed = RunWithVeto("vetoes-rogue", model);
        Assert.Equal(0, Slashed(vetoed));
        Assert.Empty(Compromised(vetoed));
    }
}
