using Restaking.Sdk;

namespace Restaking.Plugins.PriceOracle;

/// <summary>
/// A price-oracle AVS that lending markets read (<c>"oracleService"</c> on a lending market). It watches the collateral
/// token it prices; whoever corrupts it reports a false price — the last honest one × <c>reportFraction</c> — to every lending
/// market reading it, which liquidates healthy positions at that price (wrongful liquidations, and bad debt where the seized
/// collateral does not cover the debt). Model choices: α = 1/2 (a majority moves the median), safety slash 50 %, liveness 1 %.
/// </summary>
public sealed class PriceOracleKind : ServiceKind
{
    /// <inheritdoc/>
    public override string Name => "price-oracle";
    /// <inheritdoc/>
    public override long DefaultAttackThresholdWad => Fractions.One / 2;
    /// <inheritdoc/>
    public override long DefaultSlashFractionWad => Fractions.One / 2;
    /// <inheritdoc/>
    public override long DefaultLivenessSlashWad => Fractions.Of(0.01m);

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> ParamNames => ["token", "reportFraction"];

    /// <summary><c>"params": { "token": "steth", "reportFraction": 0.5 }</c>: the listed token it prices (required) and the
    /// share of the true price a corrupted oracle reports (default 0.5; below 1, or it would not be an attack).</summary>
    public override object? ReadParams(ParamsReader reader)
    {
        var token = reader.Token("token", required: true);
        var fraction = reader.Fraction("reportFraction") ?? Fractions.One / 2;
        if (fraction >= Fractions.One) reader.Error("reportFraction", "must be below 1 (a corrupted oracle reports a lower price)");
        return token is null ? null : new OracleParams(token, fraction);
    }

    /// <inheritdoc/>
    public override IEnumerable<string> WatchedTokens(ServiceInfo service) => [service.ParamsAs<OracleParams>().Token];

    /// <inheritdoc/>
    public override ServiceInstance CreateService(ServiceInfo service) => new Oracle(service.ParamsAs<OracleParams>());

    private sealed record OracleParams(string Token, long ReportFractionWad);

    private sealed class Oracle(OracleParams parameters) : ServiceInstance
    {
        /// <summary>The last honest price seen; 0 until the token's price first moves (the oracle then reports 1 ETH × the fraction
        /// of a token at par, a model choice: the report is what matters, not its base).</summary>
        private long lastPriceWad;

        public override void OnTokenPrice(ServiceContext context, string token, long priceWad, long navWad) => lastPriceWad = priceWad;

        public override void OnCompromised(ServiceContext context, long lostGwei, bool byAttack) =>
            context.ReportPrice(Fractions.Mul(lastPriceWad == 0 ? Fractions.One : lastPriceWad, parameters.ReportFractionWad));

        public override long[] SaveState() => [lastPriceWad];

        public override void RestoreState(long[] state) => lastPriceWad = state[0];
    }
}
