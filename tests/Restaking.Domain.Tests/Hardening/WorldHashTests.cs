using Restaking.Domain.Scenarios;

namespace Restaking.Domain.Tests.Hardening;

/// <summary>The expanded world's canonical hash, which every silo compares with the coordinator's before a run.</summary>
public class WorldHashTests
{
    private static string HashOf(string file, Func<string, string>? edit = null, ulong? seed = null) =>
        WorldHash.Of(ScenarioExpansion.Expand(ShippedScenario.Load(file, edit).WithOverrides(seed, null, null)));

    [Fact]
    public void The_same_file_and_seed_give_the_same_hash_every_time() =>
        Assert.Equal(HashOf("mainnet-2025.json"), HashOf("mainnet-2025.json"));

    [Fact]
    public void Another_seed_expands_another_world_with_another_hash() =>
        Assert.NotEqual(HashOf("mainnet-2025.json"), HashOf("mainnet-2025.json", seed: 1234));

    [Fact]
    public void One_staker_amount_changes_the_hash()
    {
        var edited = HashOf("quickstart.json", t => ShippedScenario.Replace(t, "\"amountEth\": 6400", "\"amountEth\": 6401"));
        Assert.NotEqual(HashOf("quickstart.json"), edited);
    }

    [Fact]
    public void One_allocation_of_a_listed_operator_changes_the_hash()
    {
        var edited = HashOf("quickstart.json", t => ShippedScenario.Replace(t, "{ \"service\": \"da-1\", \"magnitude\": 0.5 }", "{ \"service\": \"da-1\", \"magnitude\": 0.4 }"));
        Assert.NotEqual(HashOf("quickstart.json"), edited);
    }
}
