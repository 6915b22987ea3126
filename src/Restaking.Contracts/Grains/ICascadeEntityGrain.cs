using Orleans.Concurrency;
using Restaking.Domain.Cascade;

namespace Restaking.Contracts;

/// <summary>
/// An entity of one run (key <c>"{runId}/{entityId}"</c>, see <see cref="GrainKeys"/>). The coordinator tells the
/// entity to apply what it received (<see cref="ProcessRound"/>); the messages themselves arrive through the hop-named
/// methods of <see cref="ICascadeEntityInbox"/> (or the channel / stream transports).
/// </summary>
public interface ICascadeEntityGrain : IGrainWithStringKey
{
    /// <summary>Apply every message received before <see cref="RoundOrder.Step"/>, in (sender, sequence) order.</summary>
    Task<RoundReport> ProcessRound(RoundOrder order);

    /// <summary>The run is over: deactivate now unless <paramref name="keep"/> (and forget its checkpoints).</summary>
    Task EndRun(bool keep);

    /// <summary>At a quiet tick barrier (no mail in flight): store the entity's state as checkpoint
    /// <paramref name="checkpoint"/>, unless it has not changed since its last stored one. <paramref name="committed"/>
    /// is the last checkpoint the coordinator committed (a stored slot newer than it is from a lost stretch); an
    /// order of an older <paramref name="epoch"/> than the entity's comes from a superseded coordinator and fails.</summary>
    Task SaveCheckpoint(int checkpoint, int committed, int epoch);

    /// <summary>A silo died: go back to the state of committed checkpoint <paramref name="checkpoint"/>, drop
    /// whatever was received since, and from now on take only batches of <paramref name="epoch"/>.</summary>
    Task RestoreCheckpoint(int checkpoint, int epoch);
}

/// <summary>
/// Where cascade batches arrive: one method per contagion hop, so the dashboard's method rates read as the cascade
/// itself. One-way: the sender does not wait for delivery (no response message); the recipient's next round waits
/// for the count of batches the coordinator tells it (<see cref="RoundOrder.ExpectedBatches"/>). Every cascade
/// entity grain implements it.
/// </summary>
public interface ICascadeEntityInbox : IGrainWithStringKey
{
    /// <summary>Scheduled faults and start-of-tick work from the run's clock.</summary>
    [OneWay] Task OnScheduledFault(CascadeBatch batch);

    /// <summary>A service asks an operator to slash (ELIP-002 slashOperator).</summary>
    [OneWay] Task ApplySlashing(CascadeBatch batch);

    /// <summary>Consensus-layer penalties on validators the recipient owns.</summary>
    [OneWay] Task ApplyValidatorPenalty(CascadeBatch batch);

    /// <summary>An operator's stake changed: services re-price their security, LRTs re-mark, the adversary looks again.</summary>
    [OneWay] Task OnOperatorStakeChanged(CascadeBatch batch);

    /// <summary>A liquid token's NAV or price moved.</summary>
    [OneWay] Task OnTokenPriceChanged(CascadeBatch batch);

    /// <summary>The rational adversary corrupts services with a coalition of operators.</summary>
    [OneWay] Task OnAttackLaunched(CascadeBatch batch);

    /// <summary>A service was corrupted or exploited.</summary>
    [OneWay] Task OnServiceCompromised(CascadeBatch batch);

    /// <summary>A token lost backing (a drained bridge).</summary>
    [OneWay] Task OnBackingDrained(CascadeBatch batch);

    /// <summary>Liquidators sell seized collateral into the token's pool.</summary>
    [OneWay] Task OnCollateralSold(CascadeBatch batch);
}

public interface IOperatorGrain : ICascadeEntityGrain
{
    /// <summary>The operator when the run ends at <paramref name="endTick"/> (rewards accrued to it).</summary>
    Task<OperatorFinal> GetFinal(int endTick);

    /// <summary>The operator's pools now (a staker's withdrawable amount comes from them); changes nothing, so it may be asked mid-run.</summary>
    Task<IReadOnlyList<AssetPool>> GetPools();

    /// <summary>Its listed stakers with ticks of their own, now (each one's position is its own); changes nothing.</summary>
    Task<IReadOnlyList<Domain.Operators.CohortPosition>> GetCohorts();
}

/// <summary>A service (bridge, oracle, DA layer or any plug-in kind).</summary>
public interface IServiceGrain : ICascadeEntityGrain
{
    Task<ServiceView> GetView();
}

/// <summary>A liquid staking or liquid restaking token.</summary>
public interface ITokenGrain : ICascadeEntityGrain
{
    /// <summary>The token when the run ends at <paramref name="endTick"/> (its venues' figures close there).</summary>
    Task<Domain.Engine.FinalToken> GetFinal(int endTick);
}

/// <summary>The base chain: validator groups, the slashings vector, correlation penalties falling due.</summary>
public interface IBaseChainGrain : ICascadeEntityGrain
{
    Task<bool> HasPenaltiesDue(int tick);

    Task<int> GetPendingPenalties();
}

/// <summary>A lending market with looped positions on one token (key: its scenario id).</summary>
public interface ILendingMarketGrain : ICascadeEntityGrain
{
    Task<long> GetBadDebt();

    /// <summary>What its liquidations took, for summary.json.</summary>
    Task<Domain.Engine.FinalLendingMarket> GetFinal();
}

/// <summary>A Symbiotic vault shared by several operators (key: its scenario id; only under the Symbiotic models).</summary>
public interface IVaultGrain : ICascadeEntityGrain
{
    /// <summary>The vault's collateral at current prices, in ETH gwei.</summary>
    Task<long> GetActiveStake();
}

/// <summary>The rational attacker of DR24.</summary>
public interface IAdversaryGrain : ICascadeEntityGrain
{
    Task<IReadOnlyList<KeyValuePair<string, int>>> GetSearchesByMethod();
}

/// <summary>
/// A staker (key <c>"{runId}/staker-{index}"</c>). Lazy accounting: it holds no balance and is activated only when
/// someone asks about it; its withdrawable amount comes from its operator's pool factors.
/// </summary>
public interface IStakerGrain : IGrainWithStringKey
{
    Task<StakerPosition> GetPosition();
}

/// <summary>Runs one scenario: ticks, cascade rounds and their barriers, metrics and outputs (key: the run id).</summary>
public interface IRunCoordinatorGrain : IGrainWithStringKey
{
    /// <summary>Starts the run and returns at once; follow it on the run stream or with <see cref="GetStatus"/>.</summary>
    Task Start(RunDefinition definition);

    /// <summary>The run's definition: every silo builds its copy of the world from it.</summary>
    Task<RunDefinition> GetDefinition();

    Task<RunStatus> GetStatus();

    /// <summary>The outputs of a finished run.</summary>
    Task<RunOutcome> GetOutcome();

    /// <summary>The client has the outcome: the coordinator may go (unless the run keeps its grains).</summary>
    Task Close();
}

[GenerateSerializer, Immutable, Alias("restaking.OperatorFinal")]
public sealed record OperatorFinal(
    [property: Id(0)] bool EverSlashed,
    [property: Id(1)] IReadOnlyList<AssetPool> Pools,
    [property: Id(2)] long[] BaseRewardsGwei,
    [property: Id(3)] long[] ServiceRewardsGwei,
    [property: Id(4)] long[] PaidByServiceGwei,
    [property: Id(5)] IReadOnlyList<Domain.Operators.CohortPosition> Cohorts);

/// <summary>How a service sees its security right now.</summary>
[GenerateSerializer, Immutable, Alias("restaking.ServiceView")]
public sealed record ServiceView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] long SecuringStakeGwei,
    [property: Id(3)] long RemainingValueAtRiskGwei,
    [property: Id(4)] bool Compromised);

/// <summary>A staker's deposit and what it could withdraw now, in its asset's gwei.</summary>
[GenerateSerializer, Immutable, Alias("restaking.StakerPosition")]
public sealed record StakerPosition(
    [property: Id(0)] string Operator,
    [property: Id(1)] int Asset,
    [property: Id(2)] long DepositGwei,
    [property: Id(3)] long WithdrawableGwei);
