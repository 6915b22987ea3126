using Orleans.BroadcastChannel;
using Restaking.Domain.Services;
using Restaking.Domain.Units;
using Restaking.Grains.Runs;
using Restaking.Grains.Services;

namespace Restaking.Grains.Tests.Plugins;

/// <summary>
/// A third-party service kind defined outside the simulator, as a plug-in would be: a rollup sequencer. Numbers
/// chosen to differ from every built-in kind: α = 1/4, safety slash 20 %, liveness slash 2 %; a corrupted sequencer
/// takes half of what it loses out of the backing of the token it <c>wraps</c> (the rollup's bridged asset).
/// </summary>
public sealed class SequencerBehaviour : ServiceBehaviour
{
    public const string Name = "test-sequencer";

    public override string Kind => Name;
    public override long DefaultAttackThresholdWad => Wad.One / 4;
    public override long DefaultSlashFractionWad => Wad.One / 5;
    public override long DefaultLivenessSlashWad => Wad.One / 50;

    public override IEnumerable<CompromiseEffect> OnCompromised(ServiceProfile service, long lostGwei)
    {
        if (service.Wraps is not null && lostGwei > 1) yield return new DrainBacking(service.Wraps, lostGwei / 2);
    }
}

/// <summary>The plug-in's grain class: every service of kind <see cref="SequencerBehaviour.Name"/> activates as this.
/// Like every grain class that receives cascades, it subscribes to its own namespace of the cascade channel and stream
/// (<see cref="CascadeNames"/>): without that it cannot take part over the channel or stream transports.</summary>
[ImplicitStreamSubscription(CascadeNames.Prefix + "Restaking.Grains.Tests.Plugins.SequencerGrain"), ImplicitChannelSubscription(CascadeNames.Prefix + "Restaking.Grains.Tests.Plugins.SequencerGrain")]
public sealed class SequencerGrain(RunWorlds worlds) : ServiceGrain(worlds);
