using Restaking.Sdk;

namespace MyServiceKind;

/// <summary>
/// A service kind for the restaking simulator (docs/plugins.md in its repository). Scenarios name it with
/// <c>"kind": "my-kind"</c>. Change the defaults, read your <c>params</c>, react to what the service receives.
/// </summary>
public sealed class MyServiceKindKind : ServiceKind
{
    /// <inheritdoc/>
    public override string Name => "my-kind";
    /// <inheritdoc/>
    public override long DefaultAttackThresholdWad => Fractions.One / 2;
    /// <inheritdoc/>
    public override long DefaultSlashFractionWad => Fractions.Of(0.25m);
    /// <inheritdoc/>
    public override long DefaultLivenessSlashWad => Fractions.Of(0.01m);

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> ParamNames => ["shockToken", "shock"];

    /// <summary><c>"params": { "shockToken": "lst-1", "shock": 0.1 }</c>: when corrupted, the token's price drops by <c>shock</c>.</summary>
    public override object? ReadParams(ParamsReader reader) =>
        reader.Token("shockToken") is { } token ? (token, reader.Fraction("shock", required: true) ?? 0) : null;

    /// <inheritdoc/>
    public override ServiceInstance CreateService(ServiceInfo service) => new Instance(service.Params as (string Token, long Shock)?);

    private sealed class Instance((string Token, long Shock)? shock) : ServiceInstance
    {
        public override void OnCompromised(ServiceContext context, long lostGwei, bool byAttack)
        {
            if (shock is { Token: var token, Shock: > 0 and var fraction }) context.ShockPrice(token, fraction);
        }
    }
}
