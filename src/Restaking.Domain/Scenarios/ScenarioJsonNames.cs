namespace Restaking.Domain.Scenarios;

/// <summary>The JSON spellings of the scenario enums.</summary>
internal static class ScenarioJsonNames
{
    public const string Eth = "eth";
    public const string BridgeKind = "bridge";

    public static readonly IReadOnlyDictionary<string, SecurityModel> SecurityModels = new Dictionary<string, SecurityModel>(StringComparer.Ordinal)
    {
        ["pooled"] = SecurityModel.Pooled,
        ["unique-stake"] = SecurityModel.UniqueStake,
    };

    public static readonly IReadOnlyDictionary<string, AttackSearchMode> SearchModes = new Dictionary<string, AttackSearchMode>(StringComparer.Ordinal)
    {
        ["auto"] = AttackSearchMode.Auto,
        ["exact"] = AttackSearchMode.Exact,
        ["heuristic"] = AttackSearchMode.Heuristic,
        ["off"] = AttackSearchMode.Off,
    };

    public static readonly IReadOnlyDictionary<string, TokenType> TokenTypes = new Dictionary<string, TokenType>(StringComparer.Ordinal)
    {
        ["lst"] = TokenType.Lst,
        ["lrt"] = TokenType.Lrt,
    };

    public static readonly IReadOnlyDictionary<string, DistributionKind> Distributions = new Dictionary<string, DistributionKind>(StringComparer.Ordinal)
    {
        ["fixed"] = DistributionKind.Fixed,
        ["uniform"] = DistributionKind.Uniform,
        ["log-uniform"] = DistributionKind.LogUniform,
        ["pareto"] = DistributionKind.Pareto,
    };

    public static readonly IReadOnlyDictionary<string, FaultType> FaultTypes = new Dictionary<string, FaultType>(StringComparer.Ordinal)
    {
        ["operator-equivocation"] = FaultType.OperatorEquivocation,
        ["rogue-service"] = FaultType.RogueService,
        ["correlated-outage"] = FaultType.CorrelatedOutage,
        ["base-chain-mass-slashing"] = FaultType.BaseChainMassSlashing,
        ["token-price-shock"] = FaultType.TokenPriceShock,
        ["bridge-exploit"] = FaultType.BridgeExploit,
    };

    public static string Of(FaultType type) => FaultTypes.First(p => p.Value == type).Key;
}
