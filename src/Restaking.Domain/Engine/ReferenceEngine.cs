using Restaking.Domain.Cascade;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;

namespace Restaking.Domain.Engine;

/// <summary>
/// The sequential, in-process engine: per tick, inject the schedule, then deliver cascade rounds until nothing is
/// sent (what is sent in round r arrives in round r + 1, each inbox applied in (sender, sequence) order), then take
/// the end-of-tick snapshot. It is the yardstick the Orleans engine must match byte for byte.
/// </summary>
public sealed class ReferenceEngine(ServiceKindRegistry kinds)
{
    public const string Name = "reference";

    public RunResult Run(Scenario scenario, IProgress<int>? tickProgress = null, CancellationToken cancellation = default)
    {
        var spec = ScenarioExpansion.Expand(scenario);
        var world = World.Build(spec, kinds);
        var initial = RunSummary.Initial(world);
        var recorder = new RunRecorder(world.NameOf, spec.Tokens.Select(t => t.Id).ToList());
        var carried = new SortedDictionary<EntityRef, List<Envelope>>();

        for (int tick = 0; tick < scenario.Ticks.Count; tick++)
        {
            cancellation.ThrowIfCancellationRequested();
            var inbox = carried;
            int sequence = 0;
            foreach (var (to, message) in TickSchedule.Start(tick, spec, world.BaseChain.HasPenaltiesDue(tick)))
                Deliver(inbox, to, new Envelope(EntityRef.Scheduler, sequence++, message));

            var events = new List<CascadeEvent>();
            int round = 0;
            bool capHit = false;
            while (inbox.Count > 0)
            {
                if (round == scenario.MaxCascadeRounds) { capHit = true; break; }
                var next = new SortedDictionary<EntityRef, List<Envelope>>();
                foreach (var (to, envelopes) in inbox)
                {
                    envelopes.Sort();
                    var context = new CascadeContext(tick, round, to);
                    world[to].Handle(envelopes, context);
                    events.AddRange(context.Events);
                    foreach (var outgoing in context.Outbox) Deliver(next, outgoing.To, outgoing.Envelope);
                }
                inbox = next;
                round++;
            }
            // Messages past the round cap are not dropped: they open the next tick.
            carried = capHit ? inbox : new SortedDictionary<EntityRef, List<Envelope>>();
            recorder.RecordTick(tick, events, round, capHit, Snapshot(world));
            tickProgress?.Report(tick + 1);
        }
        return new RunResult(recorder.TimelineCsv, RunSummary.Build(spec, FinalState.Of(world), recorder, initial), recorder.EventLines, world);
    }

    public static TickSnapshot Snapshot(World world) => new(
        world.RestakedValueGwei,
        world.Operators.Count(o => o.EverSlashed),
        world.Services.Count(s => s.Compromised),
        world.Tokens.Select(t => (t.NavWad, t.PriceWad)).ToList());

    private static void Deliver(SortedDictionary<EntityRef, List<Envelope>> inbox, EntityRef to, Envelope envelope)
    {
        if (!inbox.TryGetValue(to, out var list)) inbox[to] = list = [];
        list.Add(envelope);
    }
}

/// <summary>The three deterministic outputs of a run (and the final world, for inspection and tests).</summary>
public sealed record RunResult(string TimelineCsv, string SummaryJson, IReadOnlyList<string> EventLines, World FinalWorld);
