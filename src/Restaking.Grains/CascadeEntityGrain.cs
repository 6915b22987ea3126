using Orleans.Concurrency;
using Orleans.Placement;
using Restaking.Contracts;
using Restaking.Domain.Cascade;
using Restaking.Grains.Runs;

namespace Restaking.Grains;

/// <summary>
/// The shell every cascade entity grain shares: it holds one Domain entity, queues the batches it receives, and on
/// the coordinator's order applies them through the entity's own <see cref="ICascadeParticipant.Handle"/> — the same
/// call the reference engine makes — then sends what the entity sent, one batch per recipient and hop.
/// </summary>
/// <remarks>
/// Reentrant: while an entity awaits delivery of its outgoing batches, batches for the next step arrive from others
/// (which are themselves awaiting delivery to it). Only <see cref="ProcessRound"/> runs entity code, and the
/// coordinator never issues two at once to one grain; receiving only appends to the queue.
/// <para>Random placement (inherited by every entity grain class, plug-in service grains included): Orleans' default,
/// resource-optimized placement prefers the caller's silo, so on a cluster of equal silos nearly every entity of a run
/// would activate beside its coordinator and the cluster would do the work of one silo.</para>
/// </remarks>
[Reentrant]
[RandomPlacement]
public abstract class CascadeEntityGrain(RunWorlds worlds) : Grain, ICascadeEntityGrain
{
    private readonly List<(int SentStep, Envelope Envelope)> received = [];

    protected RunWorld Run { get; private set; } = null!;
    protected EntityRef Self { get; private set; }
    protected ICascadeParticipant Entity { get; private set; } = null!;

    /// <summary>The entity this grain's id names, once the run's world is known.</summary>
    protected abstract EntityRef Resolve(RunWorld run, string entityId);

    /// <summary>The numbers the timeline reads from this entity.</summary>
    protected abstract EntityFigures Figures { get; }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (runId, entityId) = GrainKeys.Parse(this.GetPrimaryKeyString());
        Run = await worlds.AcquireAsync(runId, GrainFactory);
        Self = Resolve(Run, entityId);
        Entity = Run.World[Self];
        // The entity's state lives only in this activation: an idle entity must not be collected mid-run. The
        // coordinator ends the run explicitly (EndRun).
        DelayDeactivation(TimeSpan.FromDays(1));
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (Run is not null) worlds.Release(Run.RunId);
        return Task.CompletedTask;
    }

    public Task EndRun(bool keep)
    {
        if (!keep) DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public async Task<RoundReport> ProcessRound(RoundOrder order)
    {
        var inbox = new List<Envelope>();
        received.RemoveAll(r =>
        {
            if (r.SentStep >= order.Step) return false;
            inbox.Add(r.Envelope);
            return true;
        });
        inbox.Sort();
        var context = new CascadeContext(order.Tick, order.Round, Self);
        Entity.Handle(inbox, context);

        // One batch per (recipient, hop), each in the sender's sequence order.
        var batches = new SortedDictionary<(EntityRef To, CascadeHop Hop), List<Envelope>>();
        foreach (var outgoing in context.Outbox)
        {
            var key = (outgoing.To, CascadeHops.Of(outgoing.Envelope.Message));
            if (!batches.TryGetValue(key, out var list)) batches[key] = list = [];
            list.Add(outgoing.Envelope);
        }
        if (batches.Count > 0)
        {
            var sends = new Task[batches.Count];
            int i = 0;
            foreach (var ((to, hop), envelopes) in batches)
                sends[i++] = RunGrains.Entity(GrainFactory, Run, to).Send(hop, new CascadeBatch(order.Step, envelopes));
            await Task.WhenAll(sends);
        }
        var recipients = batches.Keys.Select(k => k.To).Distinct().ToArray();
        return new RoundReport(context.Events, recipients, Figures, context.Outbox.Count, batches.Count);
    }

    private Task Receive(CascadeBatch batch)
    {
        foreach (var envelope in batch.Envelopes) received.Add((batch.SentStep, envelope));
        return Task.CompletedTask;
    }

    public Task OnScheduledFault(CascadeBatch batch) => Receive(batch);
    public Task ApplySlashing(CascadeBatch batch) => Receive(batch);
    public Task ApplyValidatorPenalty(CascadeBatch batch) => Receive(batch);
    public Task OnOperatorStakeChanged(CascadeBatch batch) => Receive(batch);
    public Task OnTokenPriceChanged(CascadeBatch batch) => Receive(batch);
    public Task OnAttackLaunched(CascadeBatch batch) => Receive(batch);
    public Task OnServiceCompromised(CascadeBatch batch) => Receive(batch);
    public Task OnBackingDrained(CascadeBatch batch) => Receive(batch);
}
