using Orleans.Concurrency;
using Restaking.Domain.Cascade;

namespace Restaking.Contracts;

/// <summary>
/// An entity of one run (key <c>"{runId}/{entityId}"</c>, see <see cref="GrainKeys"/>; its class is its kind's,
/// <see cref="Domain.Engine.EntityKindDescriptor.GrainClass"/>). The coordinator's host (<see cref="Domain.Engine.IEntityHost"/>)
/// tells the entity to apply what it received (<see cref="ProcessRound"/>) and asks it questions (<see cref="Query"/>);
/// the messages themselves arrive through <see cref="ICascadeEntityInbox.Deliver"/> (or the channel / stream transports).
/// </summary>
public interface ICascadeEntityGrain : IGrainWithStringKey
{
    /// <summary>Apply every message received before <see cref="RoundOrder.Step"/>, in (sender, sequence) order. Not bound
    /// by the cluster's default 30 s response timeout: one entity's round may be a long computation (the adversary's exact
    /// attack search on a dense component), and a dead silo is noticed by the coordinator's membership watch instead.</summary>
    [ResponseTimeout("01:00:00")]
    Task<Domain.Engine.EntityRound> ProcessRound(RoundOrder order);

    /// <summary>The answer to <see cref="Domain.Engine.Projections"/> named <paramref name="projection"/>; changes nothing
    /// the outputs read, so it may be asked mid-run.</summary>
    Task<object?> Query(string projection, int argument);

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
/// Where cascade batches arrive: one sender's messages to this entity in one round, whatever their kind (each message's
/// type is its hop, declared once in <see cref="Domain.Cascade.CascadeMessage"/>'s subtypes). One-way: the sender does not
/// wait for delivery; the recipient's next round waits for the count of batches the coordinator tells it
/// (<see cref="RoundOrder.ExpectedBatches"/>). Every cascade entity grain implements it.
/// </summary>
public interface ICascadeEntityInbox : IGrainWithStringKey
{
    [OneWay] Task Deliver(CascadeBatch batch);
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

/// <summary>A staker's deposit and what it could withdraw now, in its asset's gwei.</summary>
[GenerateSerializer, Immutable, Alias("restaking.StakerPosition")]
public sealed record StakerPosition(
    [property: Id(0)] string Operator,
    [property: Id(1)] int Asset,
    [property: Id(2)] long DepositGwei,
    [property: Id(3)] long WithdrawableGwei);
