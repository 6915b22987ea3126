using System.Globalization;
using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Symbiotic;

namespace Restaking.Domain.Services;

/// <summary>What a step of a veto slasher did with one request.</summary>
public enum VetoStep
{
    /// <summary>requestSlash recorded it (amount: the request, capped at the slashable stake).</summary>
    Requested,
    /// <summary>The resolver vetoed it (amount: the request).</summary>
    Vetoed,
    /// <summary>executeSlash ran (amount: what the slasher executes; the operator takes it, capped at its stake).</summary>
    Executed,
    /// <summary>executeSlash reverted for good (detail: the revert); nothing is slashed.</summary>
    Lapsed,
    /// <summary>The resolver's veto came at or after the deadline and reverted (VetoPeriodEnded); the request stands.</summary>
    VetoFailed,
}

/// <summary>One step of one request, for the service to turn into an event or a slashing request. <see cref="CaptureTick"/>:
/// for an executed request, the tick it was requested (and captured) at.</summary>
public readonly record struct VetoOutcome(VetoStep Step, int Operator, long AmountGwei, SlashReason Reason, string Cause, int Depth, string? Detail,
    int? CaptureTick = null);

/// <summary>
/// A service's veto slasher in the cascade: a thin adapter that runs Symbiotic's <see cref="VetoSlasher"/> (every check
/// and cap is that module's) on the cascade's clock and on the stake the service sees.
/// <list type="bullet">
/// <item>Time: tick t is timestamp t·tickSeconds + 1, and a request made at tick t captures the stake at t·tickSeconds
/// (the tick's start; captureTimestamp must be in the past). The veto window is vetoTicks·tickSeconds; the vault epoch is
/// (vetoTicks + 1)·tickSeconds (<see cref="SlasherSpec"/>), so a request can always execute at its deadline tick.</item>
/// <item>Stake: the delegator the slasher reads is the service's own view of each operator (<see cref="ServiceStakeView"/>),
/// recorded at the capture. The vault is only the slasher's clock: the collateral is held by the operators, which take the
/// executed amount and cap it again at their stake, as Vault.onSlash does (an empty vault's onSlash takes nothing).</item>
/// <item>The resolver decides when the request is made: "vetoes-rogue" vetoes requests of a rogue service, "vetoes-all"
/// every one; it vetoes <see cref="SlasherSpec.VetoAfterTicks"/> ticks later (0: in the request's tick). A veto at or after
/// the deadline reverts (VetoPeriodEnded) and is recorded as failed. A request not vetoed executes as soon as executeSlash
/// allows: at once without a resolver (or with a window of 0 ticks), otherwise at the first tick at or after its veto
/// deadline, when the schedule wakes the service (<see cref="NextDueTick"/>; a late veto wakes it too, before execution).</item>
/// <item>An executed request carries its capture tick, so a shared vault measures it at the capture (BaseSlasher._slashableStake)
/// and splits it by its capture epoch (Vault.onSlash).</item>
/// </list>
/// Its checkpoint is the list of calls it made (requests with the stake seen, and the ticks it executed at): restoring
/// replays them into a fresh slasher, which then holds exactly the state the calls left.
/// </summary>
public sealed class ServiceVetoSlasher
{
    /// <summary>Each service has its own slasher, so one network name does.</summary>
    private const string Network = "service";
    private const string ResolverAddress = "resolver";
    /// <summary>The least VetoSlasher accepts (InvalidResolverSetEpochsDelay); the resolver here never changes.</summary>
    private const long ResolverSetEpochsDelay = 3;

    private readonly long tickSeconds;
    private readonly List<Call> calls = [];
    private readonly List<RequestFacts> requests = [];
    /// <summary>Indices of requests waiting for their veto deadline, in request order.</summary>
    private readonly List<int> pending = [];
    private VetoSlasher slasher = null!;
    private ServiceStakeView stakes = null!;

    public ServiceVetoSlasher(SlasherSpec spec, int tickSeconds)
    {
        if (spec.Type != SlasherType.Veto) throw new ArgumentException("not a veto slasher", nameof(spec));
        Spec = spec;
        this.tickSeconds = tickSeconds;
        Reset();
    }

    public SlasherSpec Spec { get; }

    /// <summary>The first tick at which the resolver vetoes a pending request or one may execute; <see cref="int.MaxValue"/>
    /// when none is pending.</summary>
    public int NextDueTick => pending.Count == 0 ? int.MaxValue : pending.Min(i => requests[i].VetoTick ?? requests[i].DueTick);

    /// <summary>Requests made so far (the source's SlashRequests, in order).</summary>
    public IReadOnlyList<SlashRequest> Requests => slasher.SlashRequests;

    /// <summary>
    /// requestSlash for <paramref name="amountGwei"/> of the stake of <paramref name="operator"/>, which the service sees
    /// at <paramref name="stakeSeenGwei"/>; then the resolver's veto, or execution if nothing makes it wait.
    /// </summary>
    public IReadOnlyList<VetoOutcome> Request(int tick, int @operator, long amountGwei, long stakeSeenGwei, SlashReason reason, string cause, int depth)
    {
        var call = new Call(tick, new RequestFacts(@operator, reason, cause, depth), amountGwei, stakeSeenGwei);
        calls.Add(call);
        return Apply(call);
    }

    /// <summary>The resolver's late vetoes due at <paramref name="tick"/>, then every pending request whose deadline has come
    /// executes (the schedule's wake-up).</summary>
    public IReadOnlyList<VetoOutcome> ExecuteDue(int tick)
    {
        var call = new Call(tick, null, 0, 0);
        calls.Add(call);
        return Apply(call);
    }

    private IReadOnlyList<VetoOutcome> Apply(Call call)
    {
        var outcomes = new List<VetoOutcome>();
        long now = (long)call.Tick * tickSeconds + 1;
        if (call.Request is not { } facts)
        {
            foreach (int waiting in pending.Where(i => requests[i].VetoTick <= call.Tick).ToList()) Veto(waiting, now, outcomes);
            foreach (int waiting in pending.Where(i => requests[i].DueTick <= call.Tick).ToList()) Execute(waiting, now, outcomes);
            return outcomes;
        }

        long capture = (long)call.Tick * tickSeconds;
        string op = OperatorKey(facts.Operator);
        stakes.See(op, capture, call.StakeSeenGwei);
        int index;
        try { index = slasher.RequestSlash(Network, op, call.AmountGwei, capture, now); }
        catch (SymbioticRevertException e) when (e.Error == "InsufficientSlash") { return outcomes; }   // nothing the service sees to slash
        var request = slasher.SlashRequests[index];
        // The first tick whose timestamp reaches the deadline: executeSlash waits while vetoDeadline > now.
        int due = (int)((request.VetoDeadline - 1 + tickSeconds - 1) / tickSeconds);
        int? vetoTick = Vetoes(facts.Reason) ? call.Tick + Spec.VetoAfterTicks : null;
        requests.Add(facts with { DueTick = due, CaptureTick = call.Tick, VetoTick = vetoTick });
        string detail = $"resolver={ScenarioJsonNames.Of(Spec.Resolver)};veto_deadline_tick={due}";
        outcomes.Add(Outcome(VetoStep.Requested, index, request.Amount, Spec.VetoAfterTicks > 0 && vetoTick is { } t ? detail + $";veto_tick={t}" : detail));

        // A resolver that vetoes at once does so before execution is tried (a window of 0 ticks leaves it no time: the veto fails).
        if (vetoTick == call.Tick && Veto(index, now, outcomes)) return outcomes;
        Execute(index, now, outcomes);
        return outcomes;
    }

    /// <summary>vetoSlash by the resolver: true when it vetoed; at or after the deadline it reverts VetoPeriodEnded, recorded as
    /// a failed veto, and the request stands.</summary>
    private bool Veto(int index, long now, List<VetoOutcome> outcomes)
    {
        var request = slasher.SlashRequests[index];
        requests[index] = requests[index] with { VetoTick = null };
        string resolver = $"resolver={ScenarioJsonNames.Of(Spec.Resolver)}";
        try
        {
            slasher.VetoSlash(index, ResolverAddress, now);
        }
        catch (SymbioticRevertException e) when (e.Error == "VetoPeriodEnded")
        {
            outcomes.Add(Outcome(VetoStep.VetoFailed, index, request.Amount, resolver + ";revert=VetoPeriodEnded"));
            return false;
        }
        pending.Remove(index);
        outcomes.Add(Outcome(VetoStep.Vetoed, index, request.Amount, resolver));
        return true;
    }

    private void Execute(int index, long now, List<VetoOutcome> outcomes)
    {
        try
        {
            var executed = slasher.ExecuteSlash(index, now);
            pending.Remove(index);
            outcomes.Add(Outcome(VetoStep.Executed, index, executed.Slashed, null) with { CaptureTick = requests[index].CaptureTick });
        }
        catch (SymbioticRevertException e) when (e.Error == "VetoPeriodNotEnded")
        {
            if (!pending.Contains(index)) pending.Add(index);
        }
        catch (SymbioticRevertException e)
        {
            // InsufficientSlash (the pair's slashable stake at the capture is gone) or SlashPeriodEnded: never executable again.
            pending.Remove(index);
            outcomes.Add(Outcome(VetoStep.Lapsed, index, slasher.SlashRequests[index].Amount, "revert=" + e.Error));
        }
    }

    private VetoOutcome Outcome(VetoStep step, int index, long amount, string? detail)
    {
        var facts = requests[index];
        return new VetoOutcome(step, facts.Operator, amount, facts.Reason, facts.Cause, facts.Depth, detail);
    }

    private bool Vetoes(SlashReason reason) => Spec.Resolver switch
    {
        VetoResolver.VetoesAll => true,
        VetoResolver.VetoesRogue => reason == SlashReason.RogueService,
        _ => false,
    };

    private void Reset()
    {
        var clock = new Vault(epochDurationInit: 0, epochDuration: (Spec.VetoTicks + 1L) * tickSeconds);
        stakes = new ServiceStakeView();
        slasher = new VetoSlasher(clock, stakes, vetoDuration: Spec.VetoTicks * tickSeconds, ResolverSetEpochsDelay);
        // A first resolver takes effect at once (setResolver), so it is in force at every capture.
        if (Spec.Resolver != VetoResolver.None) slasher.SetResolver(Network, ResolverAddress, now: 0);
        requests.Clear();
        pending.Clear();
    }

    private static string OperatorKey(int index) => index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The calls made so far: tick, then the request's operator, amount, stake seen, reason, cause and depth
    /// (a flag says whether there is a request; without one the call executed what was due).</summary>
    public void SaveState(CheckpointWriter writer) => writer.WriteAll(calls, call =>
    {
        writer.WriteInt(call.Tick);
        writer.WriteBool(call.Request is not null);
        if (call.Request is not { } r) return;
        writer.WriteInt(r.Operator);
        writer.WriteLong(call.AmountGwei);
        writer.WriteLong(call.StakeSeenGwei);
        writer.WriteInt((int)r.Reason);
        writer.WriteString(r.Cause);
        writer.WriteInt(r.Depth);
    });

    /// <summary>Replays the saved calls into a fresh slasher.</summary>
    public void RestoreState(CheckpointReader reader)
    {
        var saved = reader.ReadAll(5, () =>
        {
            int tick = reader.ReadInt();
            if (!reader.ReadBool()) return new Call(tick, null, 0, 0);
            int op = reader.ReadInt();
            long amount = reader.ReadLong(), seen = reader.ReadLong();
            int reason = reader.ReadInt();
            if (!Enum.IsDefined((SlashReason)reason)) throw new CheckpointFormatException($"unknown slash reason {reason}");
            return new Call(tick, new RequestFacts(op, (SlashReason)reason, reader.ReadString(), reader.ReadInt()), amount, seen);
        });
        Reset();
        calls.Clear();
        foreach (var call in saved)
        {
            calls.Add(call);
            Apply(call);
        }
    }

    /// <summary>A request: who and why, then (once recorded) the tick it captured, its deadline tick and, while the resolver
    /// has yet to act, the tick it vetoes at.</summary>
    private sealed record RequestFacts(int Operator, SlashReason Reason, string Cause, int Depth, int DueTick = 0, int CaptureTick = 0, int? VetoTick = null);

    /// <summary>One call: a request (with what the service asked and saw) or, without one, the execution of what was due.</summary>
    private sealed record Call(int Tick, RequestFacts? Request, long AmountGwei, long StakeSeenGwei);
}

/// <summary>
/// The delegator a service's <see cref="VetoSlasher"/> reads: the stake the service saw for each operator, kept with the
/// capture timestamp it was seen at (stakeAt then reads it back, as the source's delegators read their checkpoints). The
/// first view of a capture stands: later rounds of the same tick do not rewrite the past. The vault's active stake is
/// not read: the collateral is with the operators.
/// </summary>
public sealed class ServiceStakeView : Delegator
{
    private readonly Dictionary<string, CheckpointTrace<long>> seen = [];

    /// <summary>Records <paramref name="stakeGwei"/> as the operator's stake at <paramref name="captureTimestamp"/>, unless
    /// that capture already has one.</summary>
    public void See(string @operator, long captureTimestamp, long stakeGwei)
    {
        var trace = Trace(seen, @operator);
        var (exists, last, _) = trace.LatestCheckpoint;
        if (!exists || last < captureTimestamp) trace.Push(captureTimestamp, stakeGwei);
    }

    /// <inheritdoc/>
    public override long Stake(string network, string @operator, long activeStake) => LatestOf(seen, @operator);

    /// <inheritdoc/>
    public override long StakeAt(string network, string @operator, long activeStakeAt, long timestamp) => At(seen, @operator, timestamp);
}
