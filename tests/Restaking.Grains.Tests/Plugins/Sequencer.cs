using Orleans.BroadcastChannel;
using Restaking.Grains.Runs;
using Restaking.Grains.Services;
using Restaking.Sdk;

namespace Restaking.Grains.Tests.Plugins;

/// <summary>
/// A third-party service kind defined outside the simulator, on the SDK as a plug-in would be: a rollup sequencer. Numbers
/// chosen to differ from every built-in kind: α = 1/4, safety slash 20 %, liveness slash 2 %; a corrupted sequencer
/// takes half of what it loses out of the backing of the token it <c>wraps</c> (the rollup's bridged asset).
/// </summary>
public sealed class SequencerKind : ServiceKind
{
    public const string KindName = "test-sequencer";

    public override string Name => KindName;
    public override long DefaultAttackThresholdWad => Fractions.One / 4;
    public override long DefaultSlashFractionWad => Fractions.One / 5;
    public override long DefaultLivenessSlashWad => Fractions.One / 50;
    public override Type? GrainClass => typeof(SequencerGrain);
    public override ServiceInstance CreateService(ServiceInfo service) => new Sequencer();

    private sealed class Sequencer : ServiceInstance
    {
        public override void OnCompromised(ServiceContext context, long lostGwei, bool byAttack)
        {
            if (context.Wraps is { } token && lostGwei > 1) context.DrainBacking(token, lostGwei / 2);
        }
    }
}

/// <summary>The plug-in's grain class: every service of kind <see cref="SequencerKind.KindName"/> activates as this.
/// Like every grain class that receives cascades, it subscribes to its own namespace (its full type name) of the cascade
/// channel and stream (<see cref="CascadeNames"/>): without that it cannot take part over the channel or stream transports.</summary>
[ImplicitStreamSubscription(CascadeNames.Prefix + "Restaking.Grains.Tests.Plugins." + nameof(SequencerGrain)),
 ImplicitChannelSubscription(CascadeNames.Prefix + "Restaking.Grains.Tests.Plugins." + nameof(SequencerGrain))]
public sealed class SequencerGrain(RunWorlds worlds) : ServiceGrain(worlds);
