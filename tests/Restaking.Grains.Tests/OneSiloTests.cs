using Restaking.Domain.Tests;
using Restaking.Grains.Tests.Support;

namespace Restaking.Grains.Tests;

/// <summary>The Orleans engine on one embedded silo (the CLI's default host) against the reference engine.</summary>
public sealed class OneSiloTests(OneSiloFixture silo)
{
    /// <summary>Every shipped scenario but stress-1m.json (a million stakers; the benchmark runs it on both engines).</summary>
    public static TheoryData<string> ShippedScenarios() =>
        [.. RepositoryFiles.ShippedScenarios().Select(Path.GetFileName).Where(name => name != "stress-1m.json").Select(name => name!)];

    [Theory]
    [MemberData(nameof(ShippedScenarios))]
    public async Task One_silo_gives_the_reference_timeline_summary_and_events_byte_for_byte(string file)
    {
        var scenario = ScenarioText.Shipped(file);
        var expected = ReferenceRuns.Of(scenario);
        Assert.NotEmpty(expected.EventLines); // every shipped scenario has a cascade to compare

        var outcome = await silo.Engine.RunAsync(scenario.NewRun(), cancellation: TestContext.Current.CancellationToken);

        SameOutputs.Assert(expected, outcome, file + " on one silo");
    }
}
