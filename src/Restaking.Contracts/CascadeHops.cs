using Restaking.Domain.Cascade;

namespace Restaking.Contracts;

/// <summary>The contagion hop a message is: which grain method carries it.</summary>
public enum CascadeHop
{
    ScheduledFault,
    Slashing,
    ValidatorPenalty,
    OperatorStakeChanged,
    TokenPriceChanged,
    AttackLaunched,
    ServiceCompromised,
    BackingDrained,
    CollateralSold,
}

public static class CascadeHops
{
    public static CascadeHop Of(CascadeMessage message) => message switch
    {
        SlashingRequest => CascadeHop.Slashing,
        ValidatorPenalty => CascadeHop.ValidatorPenalty,
        OperatorStakeChanged => CascadeHop.OperatorStakeChanged,
        TokenPriceChanged => CascadeHop.TokenPriceChanged,
        AttackLaunched => CascadeHop.AttackLaunched,
        ServiceCompromised => CascadeHop.ServiceCompromised,
        BackingDrained => CascadeHop.BackingDrained,
        CollateralSold => CascadeHop.CollateralSold,
        _ => CascadeHop.ScheduledFault,
    };

    /// <summary>Sends a batch one-way through the method named for its hop.</summary>
    public static Task Send(this ICascadeEntityInbox grain, CascadeHop hop, CascadeBatch batch) => hop switch
    {
        CascadeHop.Slashing => grain.ApplySlashing(batch),
        CascadeHop.ValidatorPenalty => grain.ApplyValidatorPenalty(batch),
        CascadeHop.OperatorStakeChanged => grain.OnOperatorStakeChanged(batch),
        CascadeHop.TokenPriceChanged => grain.OnTokenPriceChanged(batch),
        CascadeHop.AttackLaunched => grain.OnAttackLaunched(batch),
        CascadeHop.ServiceCompromised => grain.OnServiceCompromised(batch),
        CascadeHop.BackingDrained => grain.OnBackingDrained(batch),
        CascadeHop.CollateralSold => grain.OnCollateralSold(batch),
        _ => grain.OnScheduledFault(batch),
    };
}
