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
        ["symbiotic-full-restake"] = SecurityModel.SymbioticFullRestake,
        ["symbiotic-network-restake"] = SecurityModel.SymbioticNetworkRestake,
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

    public static readonly IReadOnlyDictionary<string, OracleSource> OracleSources = new Dictionary<string, OracleSource>(StringComparer.Ordinal)
    {
        ["market"] = OracleSource.Market,
        ["nav"] = OracleSource.Nav,
    };

    public static readonly IReadOnlyDictionary<string, SlasherType> SlasherTypes = new Dictionary<string, SlasherType>(StringComparer.Ordinal)
    {
        ["instant"] = SlasherType.Instant,
        ["veto"] = SlasherType.Veto,
    };

    public static readonly IReadOnlyDictionary<string, VetoResolver> VetoResolvers = new Dictionary<string, VetoResolver>(StringComparer.Ordinal)
    {
        ["none"] = VetoResolver.None,
        ["vetoes-rogue"] = VetoResolver.VetoesRogue,
        ["vetoes-all"] = VetoResolver.VetoesAll,
    };

    public static string Of(VetoResolver resolver) => VetoResolvers.First(p => p.Value == resolver).Key;

    public static readonly IReadOnlyDictionary<string, RecipientControl> RecipientControls = new Dictionary<string, RecipientControl>(StringComparer.Ordinal)
    {
        ["independent"] = RecipientControl.Independent,
        ["corruptor"] = RecipientControl.Corruptor,
    };

    public static readonly IReadOnlyDictionary<string, VaultDelegatorKind> VaultDelegators = new Dictionary<string, VaultDelegatorKind>(StringComparer.Ordinal)
    {
        ["full-restake"] = VaultDelegatorKind.FullRestake,
        ["network-restake"] = VaultDelegatorKind.NetworkRestake,
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
        ["exit-wave"] = FaultType.ExitWave,
        ["bridge-exploit"] = FaultType.BridgeExploit,
        ["withdrawal-wave"] = FaultType.WithdrawalWave,
        ["reallocate"] = FaultType.Reallocate,
        ["vault-withdrawal"] = FaultType.VaultWithdrawal,
        ["vault-limit"] = FaultType.VaultLimit,
    };

    /// <summary>withdrawal-wave: <c>"operators": "all"</c>.</summary>
    public const string AllOperators = "all";

    public static string Of(FaultType type) => FaultTypes.First(p => p.Value == type).Key;
}

/// <summary>The names of the security models, as scenario files and <c>--security-model</c> spell them.</summary>
public static class SecurityModelNames
{
    public static IReadOnlyList<string> All => [.. ScenarioJsonNames.SecurityModels.Keys];

    public static string Of(SecurityModel model) => ScenarioJsonNames.SecurityModels.First(p => p.Value == model).Key;

    public static bool TryParse(string name, out SecurityModel model) => ScenarioJsonNames.SecurityModels.TryGetValue(name, out model);

    /// <summary>Every service sees, and an attacker forfeits, the operator's whole stake: DR24's pooled model (Section 2).</summary>
    public static bool IsFullRestake(this SecurityModel model) => model is SecurityModel.Pooled or SecurityModel.SymbioticFullRestake;
}
