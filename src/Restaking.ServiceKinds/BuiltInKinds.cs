using Restaking.Domain.Services;
using Restaking.Grains.Services;
using Restaking.Sdk;
using Restaking.Sdk.Hosting;

namespace Restaking.ServiceKinds;

/// <summary>
/// The service kinds every host knows — bridge, oracle, DA layer — written on the SDK exactly as a plug-in is, and
/// registered through the same path as a loaded plug-in (<see cref="KindCatalogs.FromAssemblies"/>).
/// </summary>
public static class BuiltInKinds
{
    /// <summary>The built-in kinds, then those of <paramref name="plugins"/>, with their grain classes.</summary>
    public static ServiceKindCatalog Catalog(params System.Reflection.Assembly[] plugins) =>
        KindCatalogs.FromAssemblies([typeof(BuiltInKinds).Assembly, .. plugins]);

    /// <summary>The built-in kinds' registry, for the reference engine alone.</summary>
    public static ServiceKindRegistry Registry() => Catalog().Behaviours;
}

/// <summary>
/// A cross-chain bridge secured by an operator committee. Model choices: α = 2/3 (a BFT committee signs withdrawals with a
/// 2/3 quorum), a proven malicious signature costs the whole securing stake, no liveness slashing. Corruption drains its
/// locked value, which backs the token it wraps (docs/architecture.md, "a drained bridge depegs what it wrapped").
/// </summary>
public sealed class BridgeKind : ServiceKind
{
    /// <inheritdoc/>
    public override string Name => "bridge";
    /// <inheritdoc/>
    public override long DefaultAttackThresholdWad => Fractions.One * 2 / 3 + 1;
    /// <inheritdoc/>
    public override long DefaultSlashFractionWad => Fractions.One;
    /// <inheritdoc/>
    public override Type? GrainClass => typeof(BridgeGrain);
    /// <inheritdoc/>
    public override ServiceInstance CreateService(ServiceInfo service) => new Bridge();

    private sealed class Bridge : ServiceInstance
    {
        /// <summary>What it lost was the backing of the token it wraps.</summary>
        public override void OnCompromised(ServiceContext context, long lostGwei, bool byAttack)
        {
            if (context.Wraps is { } token && lostGwei > 0) context.DrainBacking(token, lostGwei);
        }
    }
}

/// <summary>A price oracle reporting a median of operator votes: a majority (α = 1/2) moves the median. Safety slash 50 %,
/// liveness slash 1 % (model choices).</summary>
public sealed class OracleKind : ServiceKind
{
    /// <inheritdoc/>
    public override string Name => "oracle";
    /// <inheritdoc/>
    public override long DefaultAttackThresholdWad => Fractions.One / 2;
    /// <inheritdoc/>
    public override long DefaultSlashFractionWad => Fractions.One / 2;
    /// <inheritdoc/>
    public override long DefaultLivenessSlashWad => Fractions.One / 100;
    /// <inheritdoc/>
    public override Type? GrainClass => typeof(OracleGrain);
}

/// <summary>A data-availability layer: withholding data needs only the share that prevents reconstruction; EigenDA's default
/// adversary threshold is 33 % (EigenDA docs, security thresholds), so α = 1/3. Safety slash 10 %, liveness 0.5 %.</summary>
public sealed class DataAvailabilityKind : ServiceKind
{
    /// <inheritdoc/>
    public override string Name => "da-layer";
    /// <inheritdoc/>
    public override long DefaultAttackThresholdWad => Fractions.One / 3;
    /// <inheritdoc/>
    public override long DefaultSlashFractionWad => Fractions.One / 10;
    /// <inheritdoc/>
    public override long DefaultLivenessSlashWad => Fractions.One / 200;
    /// <inheritdoc/>
    public override Type? GrainClass => typeof(DataAvailabilityLayerGrain);
}
