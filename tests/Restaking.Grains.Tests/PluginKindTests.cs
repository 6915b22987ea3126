using Restaking.Domain.Units;
using Restaking.Grains.Services;
using Restaking.Grains.Tests.Plugins;
using Restaking.Grains.Tests.Support;

namespace Restaking.Grains.Tests;

/// <summary>
/// A service kind from outside the simulator (<see cref="SequencerKind"/> + <see cref="SequencerGrain"/>),
/// registered through the <see cref="ServiceKindCatalog"/> given to the silo, as a plug-in would be.
/// </summary>
public sealed class PluginKindTests(OneSiloFixture silo)
{
    [Fact]
    public void The_plug_in_scenario_exercises_every_number_of_the_plug_in_behaviour()
    {
        var events = ReferenceRuns.Of(SequencerScenario.Text).EventLines.Select(EventLine.Parse).ToList();

        // α = 1/4: seq-1 is cheap enough to corrupt on the world as given.
        var compromise = Assert.Single(events, e => e.Kind == "compromise" && e.Target == "seq-1");
        // The plug-in's own effect: half of the loss comes out of the wrapped token's backing.
        Assert.Contains(events, e => e.Kind == "drain" && e.Source == "seq-1" && e.Target == "rollup-eth" && e.AmountGwei == compromise.AmountGwei / 2);
        // Liveness slash 2 % (the dc-1 outage) and safety slash 20 % (op-b's equivocation).
        Assert.Contains(events, e => e.Kind == "slash" && e.Source.StartsWith("seq-", StringComparison.Ordinal) && e.Reason == "outage"
            && e.Detail.Contains($"wads={Wad.One / 50};", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Kind == "slash" && e.Source == "seq-2" && e.Reason == "equivocation"
            && e.Detail.Contains($"wads={Wad.One / 5};", StringComparison.Ordinal));
    }

    [Fact]
    public Task A_plug_in_kind_runs_as_its_own_grain_class_and_gives_the_reference_outputs() =>
        SequencerRuns.AssertRunsAsItsOwnGrainClass(silo.Engine, silo.Client, "on one silo");
}
