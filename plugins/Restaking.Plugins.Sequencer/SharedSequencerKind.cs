using Restaking.Sdk;

namespace Restaking.Plugins.Sequencer;

/// <summary>
/// A shared sequencer AVS: restaked operators order the transactions of a rollup. Its operators can censor (a liveness
/// fault of its own, <c>"censorship"</c>: the service liveness-slashes the censoring operators); whoever corrupts it controls
/// the rollup's ordering and freezes its withdrawals, so the rollup token's redemptions halt and its holders can only sell
/// into the token's market (docs/plugins.md). Model choices: α = 1/2 (a majority of the committee orders blocks), safety
/// slash 30 %, liveness slash 1 %.
/// </summary>
public sealed class SharedSequencerKind : ServiceKind
{
    /// <inheritdoc/>
    public override string Name => "shared-sequencer";
    /// <inheritdoc/>
    public override long DefaultAttackThresholdWad => Fractions.One / 2;
    /// <inheritdoc/>
    public override long DefaultSlashFractionWad => Fractions.Of(0.30m);
    /// <inheritdoc/>
    public override long DefaultLivenessSlashWad => Fractions.Of(0.01m);

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> ParamNames => ["rollupToken"];

    /// <summary><c>"params": { "rollupToken": "rollup-eth" }</c>: the listed token of the rollup it sequences (required).</summary>
    public override object? ReadParams(ParamsReader reader) => reader.Token("rollupToken", required: true);

    /// <summary><c>{ "type": "censorship", "service": "seq", "operators": ["op-b"] }</c>: those operators censor (all of the
    /// sequencer's when <c>operators</c> is left out).</summary>
    public override IReadOnlyList<FaultType> FaultTypes =>
        [new("censorship", ["operators"], reader => reader.Operators("operators"))];

    /// <inheritdoc/>
    public override ServiceInstance CreateService(ServiceInfo service) => new SharedSequencer(service.ParamsAs<string>());

    private sealed class SharedSequencer(string rollupToken) : ServiceInstance
    {
        public override void OnFault(ServiceContext context, string type, string faultId, object? data)
        {
            // Censoring is provable from the rollup's inbox: each censor that secures this sequencer loses its liveness share.
            var censors = data is IReadOnlyList<string> named ? context.Operators.Where(named.Contains) : context.Operators;
            context.LivenessSlash(censors.ToList());
        }

        public override void OnCompromised(ServiceContext context, long lostGwei, bool byAttack) =>
            context.HaltRedemptions(rollupToken);
    }
}
