using Restaking.Domain.Cascade;
using Restaking.Grains.Runs;

namespace Restaking.Grains;

/// <summary>A lending market: liquidates looped positions when its oracle price falls and sells the seized collateral
/// into the token's pool (<see cref="Domain.Lending.LendingMarketState"/>).</summary>
[ImplicitStreamSubscription(CascadeNames.Prefix + "Restaking.Grains.LendingMarketGrain"), ImplicitChannelSubscription(CascadeNames.Prefix + "Restaking.Grains.LendingMarketGrain")]
public sealed class LendingMarketGrain(RunWorlds worlds) : CascadeEntityGrain(worlds)
{
    protected override EntityKind Kind => EntityKind.LendingMarket;
}
