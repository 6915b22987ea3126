using Restaking.Contracts;
using Restaking.Grains.Runs;
using Restaking.Domain.Tests;
using Restaking.Grains.Tests.Support;

namespace Restaking.Grains.Tests;

/// <summary>A silo refuses a run whose world it expands differently from the coordinator (RunDefinition.WorldHash).</summary>
public class WorldHashCheckTests
{
    private static RunDefinition Quickstart(string? hash) =>
        new("quickstart-hash", "quickstart.json", File.ReadAllText(RepositoryFiles.Scenario("quickstart.json")), null, null, WorldHash: hash);

    [Fact]
    public void A_silo_that_expands_the_coordinators_world_takes_part_and_passes_the_hash_on()
    {
        var coordinator = new RunWorld(Quickstart(null), TestKinds.Catalog);
        Assert.Equal(coordinator.Hash, coordinator.Definition.WorldHash);
        var other = new RunWorld(coordinator.Definition, TestKinds.Catalog);
        Assert.Equal(coordinator.Hash, other.Hash);
    }

    [Fact]
    public void A_silo_whose_world_differs_refuses_the_run_with_one_line()
    {
        var e = Assert.Throws<WorldMismatchException>(() => new RunWorld(Quickstart(new string('0', 64)), TestKinds.Catalog));
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("differs from the coordinator's (000000000000)", e.Message);
    }
}
