using Restaking.Grains.Tests.Support;

namespace Restaking.Grains.Tests;

/// <summary>The Orleans engine on one embedded silo (the CLI's default host) against the reference engine.</summary>
public sealed class OneSiloTests(OneSiloFixture silo)
{
    [Theory]
    [InlineData("quickstart.json")]
    [InlineData("dr24-tight.json")]
    [InlineData("mainnet-2025.json")]
    public async Task One_silo_gives_the_reference_timeline_summary_and_events_byte_for_byte(string file)
    {
        var scenario = ScenarioText.Shipped(file);
        var expected = ReferenceRuns.Of(scenario);
        Assert.NotEmpty(expected.EventLines); // every shipped scenario has a cascade to compare

        var outcome = await silo.Engine.RunAsync(scenario.NewRun(), cancellation: TestContext.Current.CancellationToken);

        SameOutputs.Assert(expected, outcome, file + " on one silo");
    }
}
