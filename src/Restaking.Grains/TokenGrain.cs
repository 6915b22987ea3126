using Restaking.Contracts;
using Restaking.Domain.Cascade;
using Restaking.Domain.Engine;
using Restaking.Domain.Tokens;
using Restaking.Grains.Runs;

namespace Restaking.Grains;

/// <summary>A liquid staking or restaking token: re-marks its NAV and price and tells its holders.</summary>
[ImplicitStreamSubscription(CascadeNames.Prefix + "Restaking.Grains." + nameof(TokenGrain)), ImplicitChannelSubscription(CascadeNames.Prefix + "Restaking.Grains." + nameof(TokenGrain))]
public sealed class TokenGrain(RunWorlds worlds) : CascadeEntityGrain(worlds), ITokenGrain
{
    private LiquidToken State => (LiquidToken)Entity;

    protected override EntityRef Resolve(RunWorld run, string entityId) => EntityRef.Token(run.Spec.TokenIndex[entityId]);

    protected override EntityFigures Figures => new(0, false, State.NavWad, State.PriceWad);

    public Task<FinalToken> GetFinal(int endTick) => Task.FromResult(State.Final(endTick));
}
