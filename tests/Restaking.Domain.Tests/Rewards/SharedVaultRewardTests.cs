using Restaking.Domain.Scenarios;

namespace Restaking.Domain.Tests.Rewards;

/// <summary>
/// Service rewards for the members of a shared Symbiotic vault. Under full restake each member secures with the whole vault,
/// which other members' stakers hold too; a member's stakers are paid on their own stake (scenarios/README.md, Symbiotic vaults).
/// Found by a fuzz corpus: symbiotic-vaults.json with a service APR under full restake threw ArgumentOutOfRangeException.
/// </summary>
public class SharedVaultRewardTests
{
    private const string File = "symbiotic-vaults.json";
    private const string Paid = "\"baseChain\": { \"totalActiveBalanceEth\": 34200000 },";
    private const string Fault = """{ "id": "oracle-1-slashing-bug", "tick": 1, "type": "rogue-service", "service": "oracle-1", "fraction": 1 }""";
    private const string Vault = """{ "id": "curated-1", "operators": [ "op-a", "op-c", "op-e" ] }""";

    private static string WithServiceApr(string text) => ShippedScenario.Replace(text, Paid, Paid + " \"rewards\": { \"serviceApr\": 0.01 },");

    private static long ServiceRewards(Func<string, string> edit, SecurityModel model) =>
        ShippedScenario.Summary(ShippedScenario.Run(File, edit, model)).GetProperty("rewards").GetProperty("grossGwei").GetProperty("services").GetInt64();

    [Fact]
    public void The_shipped_vault_with_a_service_apr_runs_under_full_restake()
    {
        long paid = ServiceRewards(WithServiceApr, SecurityModel.SymbioticFullRestake);
        Assert.True(paid > 0, $"services paid {paid}");
    }

    [Fact]
    public void Without_a_slash_a_full_restake_vault_pays_each_member_what_it_would_earn_alone()
    {
        // Nothing changes the stakes, so each member's own stake is what it secures alone; in the vault it secures with more.
        string Quiet(string text) => ShippedScenario.Replace(WithServiceApr(text), Fault, "");
        long shared = ServiceRewards(Quiet, SecurityModel.SymbioticFullRestake);
        long alone = ServiceRewards(text => ShippedScenario.Replace(Quiet(text), Vault, ""), SecurityModel.SymbioticFullRestake);
        Assert.True(alone > 0);
        Assert.Equal(alone, shared);
    }
}
