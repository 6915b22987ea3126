using Restaking.Grains.Tests.Plugins;
using Restaking.Grains.Tests.Support;

namespace Restaking.Grains.Tests;

/// <summary>
/// The stream transports, which are not the default (one-way calls) but stay selectable: on three silos they give the
/// reference outputs too, plug-in kind included (whose grain class must subscribe to its own namespace).
/// </summary>
public sealed class ChannelTransportTests(ThreeSiloChannelFixture cluster) : IClassFixture<ThreeSiloChannelFixture>
{
    [Theory]
    [InlineData("quickstart.json")]
    [InlineData("dr24-tight.json")]
    [InlineData(null)] // the sequencer plug-in scenario
    public async Task The_broadcast_channel_gives_the_reference_outputs_on_three_silos(string? file) =>
        await TransportRuns.AssertSameAsReference(cluster, file, "broadcast channel");
}

public sealed class MemoryStreamTransportTests(ThreeSiloStreamsFixture cluster) : IClassFixture<ThreeSiloStreamsFixture>
{
    [Theory]
    [InlineData("quickstart.json")]
    [InlineData(null)]
    public async Task Memory_streams_give_the_reference_outputs_on_three_silos(string? file) =>
        await TransportRuns.AssertSameAsReference(cluster, file, "memory streams");
}

internal static class TransportRuns
{
    public static async Task AssertSameAsReference(ThreeSiloFixture cluster, string? file, string transport)
    {
        var scenario = file is null ? SequencerScenario.Text : ScenarioText.Shipped(file);
        var outcome = await cluster.Engine.RunAsync(scenario.NewRun(), cancellation: TestContext.Current.CancellationToken);
        SameOutputs.Assert(ReferenceRuns.Of(scenario), outcome, $"{file ?? "sequencer scenario"} over {transport} on three silos");
    }
}
