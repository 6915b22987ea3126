namespace Restaking.Domain.Scenarios;

/// <summary>
/// Which of a fault's type-specific JSON fields each <see cref="FaultType"/> requires and which it accepts;
/// any other type-specific field is rejected (rule <see cref="ScenarioRule.FaultField"/>).
/// correlated-outage takes exactly one of "group" and "operators" (checked by the loader); withdrawal-wave's "operators"
/// may also be the string "all".
/// </summary>
internal sealed record FaultFields(IReadOnlyList<string> Required, IReadOnlyList<string> Optional)
{
    /// <summary>All type-specific fault fields, in document order.</summary>
    public static readonly IReadOnlyList<string> All =
        ["operator", "operators", "group", "service", "token", "owners", "fraction", "amountEth", "otherSlashedEth", "asset", "magnitude", "vault", "limitEth"];

    public static FaultFields For(FaultType type) => type switch
    {
        FaultType.OperatorEquivocation => new(["operator", "service"], []),
        FaultType.RogueService => new(["service"], ["fraction"]),
        FaultType.CorrelatedOutage => new([], ["group", "operators"]),
        FaultType.BaseChainMassSlashing => new(["fraction"], ["owners", "otherSlashedEth"]),
        FaultType.TokenPriceShock => new(["token", "fraction"], []),
        FaultType.BridgeExploit => new(["service"], ["amountEth"]),
        FaultType.ExitWave => new(["token", "amountEth"], []),
        FaultType.WithdrawalWave => new(["operators", "fraction"], ["asset"]),
        FaultType.Reallocate => new(["operator", "service", "magnitude"], []),
        FaultType.VaultWithdrawal => new(["vault", "fraction"], []),
        FaultType.VaultLimit => new(["vault", "service", "limitEth"], ["operator"]),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public bool Applies(string field) => Required.Contains(field) || Optional.Contains(field);
}
