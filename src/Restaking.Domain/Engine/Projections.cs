using Restaking.Domain.Adversary;
using Restaking.Domain.BaseChain;
using Restaking.Domain.Cascade;
using Restaking.Domain.Lending;
using Restaking.Domain.Operators;
using Restaking.Domain.Services;
using Restaking.Domain.Symbiotic;
using Restaking.Domain.Tokens;

namespace Restaking.Domain.Engine;

/// <summary>
/// The questions the engines ask entities (<see cref="Projection{T}"/>): what the summary reads at the end of a run, and
/// what a staker grain reads of its operator mid-run. None of them changes an output when asked at another time, except
/// that a final projection accrues rewards up to its tick (idempotent).
/// </summary>
public static class Projections
{
    /// <summary>An operator at the end of the run (argument: the end tick).</summary>
    public static readonly Projection<FinalOperator> OperatorFinal = new("operator-final", EntityKind.Operator, (e, end) => ((OperatorState)e).Final(end));

    /// <summary>An operator's pools now (a staker's withdrawable amount comes from them).</summary>
    public static readonly Projection<IReadOnlyList<AssetPool>> OperatorPools = new("operator-pools", EntityKind.Operator, (e, _) => ((OperatorState)e).Pools);

    /// <summary>An operator's listed stakers with ticks of their own, now.</summary>
    public static readonly Projection<IReadOnlyList<CohortPosition>> OperatorCohorts = new("operator-cohorts", EntityKind.Operator, (e, _) => ((OperatorState)e).Cohorts);

    public static readonly Projection<bool> ServiceCompromised = new("service-compromised", EntityKind.Service, (e, _) => ((ServiceState)e).Compromised);

    /// <summary>How a service sees its security now: securing stake and value at risk left.</summary>
    public static readonly Projection<long[]> ServiceSecurity = new("service-security", EntityKind.Service,
        (e, _) => [((ServiceState)e).SecuringStakeGwei, ((ServiceState)e).RemainingValueAtRiskGwei]);

    /// <summary>A token at the end of the run (argument: the end tick).</summary>
    public static readonly Projection<FinalToken> TokenFinal = new("token-final", EntityKind.Token, (e, end) => ((LiquidToken)e).Final(end));

    public static readonly Projection<FinalLendingMarket> LendingMarketFinal = new("lending-market-final", EntityKind.LendingMarket, (e, _) => ((LendingMarketState)e).Final);

    public static readonly Projection<int> PendingPenalties = new("pending-penalties", EntityKind.BaseChain, (e, _) => ((BaseChainState)e).PendingPenalties);

    public static readonly Projection<IReadOnlyList<KeyValuePair<string, int>>> SearchesByMethod = new("searches-by-method", EntityKind.Adversary,
        (e, _) => ((RationalAdversary)e).Searches.ToList());

    /// <summary>A shared vault's collateral at current prices, in ETH gwei.</summary>
    public static readonly Projection<long> VaultActiveStake = new("vault-active-stake", EntityKind.Vault, (e, _) => ((SymbioticVaultState)e).ActiveStake);

    /// <summary>Every projection by name: how a grain finds the one the coordinator asks for.</summary>
    public static IReadOnlyDictionary<string, IProjection> ByName { get; } = new IProjection[]
    {
        OperatorFinal, OperatorPools, OperatorCohorts, ServiceCompromised, ServiceSecurity, TokenFinal, LendingMarketFinal, PendingPenalties,
        SearchesByMethod, VaultActiveStake,
    }.ToDictionary(p => p.Name, StringComparer.Ordinal);
}
