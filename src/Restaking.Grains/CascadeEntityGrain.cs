using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Orleans.BroadcastChannel;
using Orleans.Concurrency;
using Orleans.Placement;
using Orleans.Streams;
using Restaking.Contracts;
using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Engine;
using Restaking.Grains.Checkpoints;
using Restaking.Grains.Runs;

namespace Restaking.Grains;

/// <summary>
/// The shell every cascade entity grain shares: it holds one Domain entity, queues the batches it receives, and on
/// the coordinator's order applies them through <see cref="EntityRound.Apply"/> — the same call the reference engine's
/// host makes — then sends what the entity sent, one batch per recipient, over the silo's <see cref="CascadeTransport"/>.
/// A kind's grain class only names its <see cref="Kind"/> (<see cref="EntityKinds"/> says the rest).
/// </summary>
/// <remarks>
/// Reentrant: while an entity awaits the arrival of its incoming batches (or the sending of its outgoing ones), batches
/// for this or the next step arrive from others, who may themselves be waiting on it. Only <see cref="ProcessRound"/> runs entity code, and the coordinator never issues two at once to one grain;
/// receiving only appends to the queue.
/// <para>Random placement (inherited by every entity grain class, plug-in service grains included): Orleans' default,
/// resource-optimized placement prefers the caller's silo, so on a cluster of equal silos nearly every entity of a run
/// would activate beside its coordinator and the cluster would do the work of one silo.</para>
/// </remarks>
[Reentrant]
[RandomPlacement]
public abstract class CascadeEntityGrain(RunWorlds worlds) : Grain, ICascadeEntityGrain, ICascadeEntityInbox, IOnBroadcastChannelSubscribed
{
    /// <summary>How long a round waits for its batches before it gives up (under Orleans' 30 s call timeout).</summary>
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(25);

    private readonly List<CascadeBatch> received = [];
    private Arrivals? waiting;
    /// <summary>Batches of older epochs are from before a recovery: dropped.</summary>
    private int epoch;
    /// <summary>Changed since its last stored checkpoint (a fresh entity has none).</summary>
    private bool dirty = true;
    private CheckpointStore<EntityCheckpointState>? checkpoints;

    protected RunWorld Run { get; private set; } = null!;
    protected EntityRef Self { get; private set; }
    /// <summary>The Domain entity; fails while its state is lost (see <see cref="lost"/>), so nothing reads a stale one.</summary>
    protected ICascadeParticipant Entity => lost is { } why ? throw new InvalidOperationException(why) : entity;
    private ICascadeParticipant entity = null!;
    /// <summary>
    /// Set when this activation finds that the run had stored this entity before: an earlier activation died with its
    /// silo, and the world object here is as built at tick 0, not as the run left it. The run must go back to a
    /// checkpoint (<see cref="RestoreCheckpoint"/>); until then the entity refuses to work.
    /// </summary>
    private string? lost;
    private CascadeSender Sender { get; set; } = null!;

    /// <summary>The kind of entity this grain class hosts.</summary>
    protected abstract EntityKind Kind { get; }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Resolved here rather than injected, so plug-in service grains keep their one-argument constructor.
        Sender = ServiceProvider.GetRequiredService<CascadeSender>();
        var (runId, entityId) = GrainKeys.Parse(this.GetPrimaryKeyString());
        Run = await worlds.AcquireAsync(runId, GrainFactory);
        Self = new EntityRef(Kind, EntityKinds.Of(Kind).IndexOf(Run.Spec, entityId)
            ?? throw new ArgumentException($"run {runId} has no {EntityKinds.Of(Kind).Name} '{entityId}'"));
        entity = Run.World[Self];
        // The entity's state lives only in this activation: an idle entity must not be collected mid-run. The
        // coordinator ends the run explicitly (EndRun).
        DelayDeactivation(TimeSpan.FromDays(1));
        if (CheckpointStore<EntityCheckpointState>.Enabled(ServiceProvider))
        {
            checkpoints = new CheckpointStore<EntityCheckpointState>(ServiceProvider, "entity");
            await checkpoints.Read(this.GetGrainId());
            if (checkpoints.Value.State is not null)
                lost = $"{this.GetPrimaryKeyString()}: state lost with a silo (reactivated after checkpoint {checkpoints.Value.Checkpoint}); "
                    + "the run must go back to a checkpoint";
        }
        if (Sender.Transport is CascadeTransport.BroadcastChannel or CascadeTransport.MemoryStreams) CheckSubscriptions();
        if (Sender.Transport == CascadeTransport.MemoryStreams)
        {
            var (ns, key) = RunGrains.Address(Run, Self);
            await this.GetStreamProvider(CascadeNames.Provider).GetStream<CascadeBatch>(StreamId.Create(ns, key))
                .SubscribeAsync((batch, _) => Receive(batch));
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (Run is not null) worlds.Release(Run.RunId);
        return Task.CompletedTask;
    }

    public async Task EndRun(bool keep)
    {
        if (checkpoints is not null)
        {
            await checkpoints.Read(this.GetGrainId());
            await checkpoints.Clear(this.GetGrainId());
        }
        if (!keep) DeactivateOnIdle();
    }

    public async Task SaveCheckpoint(int checkpoint, int committed, int orderEpoch)
    {
        var store = checkpoints ?? throw new InvalidOperationException("checkpoints are off on this silo (CheckpointOptions.Enabled)");
        if (orderEpoch != epoch)
            throw new InvalidOperationException($"{this.GetPrimaryKeyString()}: checkpoint order of epoch {orderEpoch}, entity is at epoch {epoch}");
        if (!dirty && lost is null) return;
        store.Value.Write(checkpoint, committed, Entity.Save());
        await store.Write(this.GetGrainId());
        dirty = false;
    }

    public async Task RestoreCheckpoint(int checkpoint, int newEpoch)
    {
        var store = checkpoints ?? throw new InvalidOperationException("checkpoints are off on this silo (CheckpointOptions.Enabled)");
        // Two coordinators of one run (a duplicate activation after a silo's death) must not both reset it.
        if (newEpoch < epoch)
            throw new InvalidOperationException($"{this.GetPrimaryKeyString()}: restore to epoch {newEpoch}, entity is already at epoch {epoch}");
        // A round of the lost stretch may still wait for batches that will never come: end it without applying anything.
        waiting?.Complete.TrySetException(new OperationCanceledException($"{this.GetPrimaryKeyString()}: the run went back to checkpoint {checkpoint}"));
        waiting = null;
        received.Clear();
        epoch = newEpoch;
        await store.Read(this.GetGrainId());
        entity.Restore(store.Value.At(checkpoint, this.GetPrimaryKeyString()));
        lost = null;
        dirty = true;
    }

    /// <summary>Without its implicit subscription a grain class would never see its batches (channel: silently).</summary>
    private void CheckSubscriptions()
    {
        string ns = CascadeNames.NamespaceOf(GetType());
        bool ok = Sender.Transport == CascadeTransport.BroadcastChannel
            ? GetType().GetCustomAttributes<ImplicitChannelSubscriptionAttribute>(false).Any(a => a.Predicate.IsMatch(ns))
            : GetType().GetCustomAttributes<ImplicitStreamSubscriptionAttribute>(false).Any(a => a.Predicate.IsMatch(ns));
        if (!ok)
            throw new InvalidOperationException($"{GetType().FullName} must carry [ImplicitStreamSubscription(\"{ns}\")] and "
                + $"[ImplicitChannelSubscription(\"{ns}\")] to receive cascades over {Sender.Transport}");
    }

    public Task OnSubscribed(IBroadcastChannelSubscription subscription) => subscription.Attach<CascadeBatch>(Receive);

    public async Task<EntityRound> ProcessRound(RoundOrder order)
    {
        if (order.Epoch != epoch)
            throw new InvalidOperationException($"{this.GetPrimaryKeyString()}: round order of epoch {order.Epoch}, entity is at epoch {epoch}");
        dirty = true;
        int due = received.Count(b => b.SentStep < order.Step);
        if (due < order.ExpectedBatches)
        {
            waiting = new Arrivals(order.Step, order.ExpectedBatches, due);
            try { await waiting.Complete.Task.WaitAsync(ArrivalTimeout); }
            catch (TimeoutException)
            {
                throw new TimeoutException($"{this.GetPrimaryKeyString()}: step {order.Step}: {waiting.Due} of {order.ExpectedBatches} "
                    + $"cascade batches arrived over {Sender.Transport} within {ArrivalTimeout.TotalSeconds} s");
            }
            finally { waiting = null; }
        }

        var inbox = new List<Envelope>();
        received.RemoveAll(b =>
        {
            if (b.SentStep >= order.Step) return false;
            inbox.AddRange(b.Mail.Envelopes);
            return true;
        });
        var report = EntityRound.Apply(Entity, Self, inbox, order.Tick, order.Round, out var outbox);

        // One batch per recipient, in the sender's sequence order (the report's recipients, in canonical order).
        if (report.Recipients.Count > 0)
        {
            var byRecipient = new Dictionary<EntityRef, List<Envelope>>();
            foreach (var o in outbox)
            {
                if (!byRecipient.TryGetValue(o.To, out var list)) byRecipient[o.To] = list = [];
                list.Add(o.Envelope);
            }
            await Task.WhenAll(report.Recipients.Select(to =>
                Sender.Send(GrainFactory, Run, to, new CascadeBatch(order.Step, new BatchMail(byRecipient[to]), epoch))));
        }
        return report;
    }

    public Task<object?> Query(string projection, int argument) =>
        Projections.ByName.TryGetValue(projection, out var p) && p.Kind == Kind
            ? Task.FromResult(p.AnswerBoxed(Entity, argument))
            : throw new ArgumentException($"{this.GetPrimaryKeyString()}: a {EntityKinds.Of(Kind).Name} answers no projection '{projection}'");

    private Task Receive(CascadeBatch batch)
    {
        if (batch.Epoch != epoch) return Task.CompletedTask;
        received.Add(batch);
        if (waiting is { } w && batch.SentStep < w.Step && ++w.Due >= w.Expected) w.Complete.TrySetResult();
        return Task.CompletedTask;
    }

    /// <summary>A round waiting for its batches: <see cref="Due"/> of <see cref="Expected"/> sent before <see cref="Step"/> are in.</summary>
    private sealed class Arrivals(int step, int expected, int due)
    {
        public int Step { get; } = step;
        public int Expected { get; } = expected;
        public int Due { get; set; } = due;
        public TaskCompletionSource Complete { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public Task Deliver(CascadeBatch batch) => Receive(batch);
}
