using System.Text.Json;
using Restaking.Domain.Engine;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Engine;

/// <summary>
/// scenarios/symbiotic-withdrawals.json: symbiotic-vaults.json's world (curated-1 shared by op-a 9,000, op-c 10,000 and
/// op-e 9,000 ETH of stETH: 28,000) with 3-tick epochs. Tick 1 (epoch 0): the vault's stakers withdraw 30 %
/// (Vault.withdraw): 8,400 leave the active stake for withdrawals[1]. Tick 2 (epoch 0): oracle-1 slashes its operators by
/// 100 % of what it sees; captured in the current epoch, Vault.onSlash takes it pro rata from the active 19,600 and the
/// pending 8,400. Tick 6 = (0 + 2) × 3: epoch 1 has ended, the stakers claim the rest (Vault.claim). Worked by hand.
/// </summary>
public class SymbioticWithdrawalsScenarioTests
{
    private const long Eth = Gwei.PerEth;

    private static (RunResult Result, JsonElement Summary) Run(SecurityModel model)
    {
        var result = ShippedScenario.Run("symbiotic-withdrawals.json", model: model);
        return (result, ShippedScenario.Summary(result));
    }

    private static long Number(JsonElement summary, params string[] path) =>
        path.Aggregate(summary, (e, name) => e.GetProperty(name)).GetInt64();

    private static string Text(JsonElement summary, string block, string name) => summary.GetProperty(block).GetProperty(name).GetString()!;

    [Fact]
    public void Full_restake_the_pending_withdrawal_pays_its_share_and_the_vault_is_no_longer_emptied()
    {
        // FullRestakeDelegator, no limits: oracle-1 sees op-a's stake = the active 19,600 and asks for all of it. onSlash:
        // slashable = 19,600 + withdrawals[1] 8,400 = 28,000; activeSlashed = ⌊19,600 × 19,600 / 28,000⌋ = 13,720, the
        // pending withdrawals lose 5,880 and 2,520 are claimed at tick 6. Every pool of the vault keeps 0.3 (active 5,880 +
        // 2,520 claimed of 28,000): its stakers lose 0.7, not 1 as in symbiotic-vaults.json. slashedGwei counts both parts:
        // 27,000 (op-b, op-d, op-f) + 13,720 from active stake, + 5,880 from the pending withdrawal = 46,600.
        var (result, summary) = Run(SecurityModel.SymbioticFullRestake);
        Assert.Equal(46_600 * Eth, Number(summary, "slashedGwei", "total"));
        Assert.Equal(46_600 * Eth, Number(summary, "slashedGwei", "rogue_service"));
        Assert.Equal(40_720 * Eth, Number(summary, "slashedFromGwei", "restaked"));
        Assert.Equal(5_880 * Eth, Number(summary, "slashedFromGwei", "queued"));
        Assert.Equal(3, Number(summary, "vaultWithdrawals", "epochTicks", "curated-1"));
        Assert.Equal(8_400 * Eth, Number(summary, "vaultWithdrawals", "requestedGwei"));
        Assert.Equal(5_880 * Eth, Number(summary, "vaultWithdrawals", "slashedWhilePendingGwei"));
        Assert.Equal(2_520 * Eth, Number(summary, "vaultWithdrawals", "claimedGwei"));
        Assert.Equal(3, Number(summary, "vaultWithdrawals", "claimed"));
        Assert.Equal("0.7", Text(summary, "stakers", "lossP50"));
        Assert.Equal("1", Text(summary, "stakers", "lossMax"));   // op-b, op-d, op-f: 100 % of their own stake
        // rsteth: 8,000 stETH via op-b (slashed out) and 6,000 via op-e, of which 0.3 is left (active or claimed): 1,800 / 14,000.
        var rsteth = summary.GetProperty("tokens").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "rsteth");
        Assert.Equal("0.128571428571428571", rsteth.GetProperty("finalNav").GetString());
        Assert.Contains(result.EventLines, l => l.Contains("\"tick\":6,", StringComparison.Ordinal) && l.Contains("vaultwithdrawalclaimed", StringComparison.Ordinal));
    }

    [Fact]
    public void Network_restake_the_same_slash_is_split_between_active_stake_and_the_pending_withdrawal()
    {
        // NetworkRestakeDelegator: oracle-1 sees op-a's 2,700 (min(19,600, limit 2,700) × its whole oracle-1 share).
        // onSlash: activeSlashed = ⌊2,700 × 19,600 / 28,000⌋ = 1,890, the pending 8,400 lose 810 (− 1 gwei: each pool keeps
        // its share rounded up) and 7,590 are claimed. Stakers lose 2,700 / 28,000 as if no one had withdrawn; slashedGwei
        // counts both parts: 6,100 (op-b, op-d, op-f) + 1,890 active + 810 − 1 gwei pending = 8,800 − 1 gwei, the same
        // total as symbiotic-vaults.json without the withdrawal (docs/models/symbiotic.md: 8,799.999999999 ETH).
        var (_, summary) = Run(SecurityModel.SymbioticNetworkRestake);
        Assert.Equal(8_800 * Eth - 1, Number(summary, "slashedGwei", "total"));
        Assert.Equal(7_990 * Eth, Number(summary, "slashedFromGwei", "restaked"));
        Assert.Equal(810 * Eth - 1, Number(summary, "slashedFromGwei", "queued"));
        Assert.Equal("0.159999999", summary.GetProperty("dr24").GetProperty("psi").GetString());   // (8,800 − 1 gwei) / 55,000
        Assert.Equal(810 * Eth - 1, Number(summary, "vaultWithdrawals", "slashedWhilePendingGwei"));
        Assert.Equal(7_590 * Eth + 1, Number(summary, "vaultWithdrawals", "claimedGwei"));
        Assert.Equal("0.096428571428666667", Text(summary, "stakers", "lossP50"));
    }
}
