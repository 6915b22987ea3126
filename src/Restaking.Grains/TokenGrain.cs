using Restaking.Domain.Cascade;
using Restaking.Grains.Runs;

namespace Restaking.Grains;

/// <summary>A liquid staking or restaking token: re-marks its NAV and price and tells its holders.</summary>
[ImplicitStreamSubscription(CascadeNames.Prefix + "Restaking.Grains.TokenGrain"), ImplicitChannelSubscription(CascadeNames.Prefix + "Restaking.Grains.TokenGrain")]
public sealed class TokenGrain(RunWorlds worlds) : CascadeEntityGrain(worlds)
{
    protected override EntityKind Kind => EntityKind.Token;
}
