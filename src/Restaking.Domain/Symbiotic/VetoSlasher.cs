namespace Restaking.Domain.Symbiotic;

/// <summary>
/// The veto slasher (src/contracts/slasher/VetoSlasher.sol): a network requests a slash, the network's resolver may veto
/// it during <see cref="VetoDuration"/>, and after that anyone (the source: the network's middleware) executes it.
/// <list type="bullet">
/// <item><c>requestSlash</c>: the capture must be in the past and recent enough that the slash can still execute when
/// the veto window closes: now + vetoDuration − epochDuration ≤ captureTimestamp &lt; now (InvalidCaptureTimestamp).
/// The amount is capped at the slashable stake (InsufficientSlash if that leaves 0); vetoDeadline = now + vetoDuration.</item>
/// <item><c>vetoSlash</c>: only the resolver in force at the capture, and only if the network still has one (NoResolver,
/// NotResolver); only while now &lt; vetoDeadline (VetoPeriodEnded); not twice (SlashRequestCompleted).</item>
/// <item><c>executeSlash</c>: waits for the deadline (VetoPeriodNotEnded) only when the network had a resolver at the
/// capture and still has one, otherwise it may run at once; refuses once now − captureTimestamp &gt; epochDuration
/// (SlashPeriodEnded); the amount is capped again at the slashable stake then (InsufficientSlash at 0); a completed
/// (executed or vetoed) request reverts SlashRequestCompleted.</item>
/// <item><c>setResolver</c>: the first resolver takes effect at once; a change takes effect at
/// currentEpochStart + resolverSetEpochsDelay × epochDuration, so a network cannot swap the resolver under a pending slash.</item>
/// </list>
/// Construction checks vetoDuration &lt; epochDuration (InvalidVetoDuration) and resolverSetEpochsDelay ≥ 3
/// (InvalidResolverSetEpochsDelay), as <c>__initialize</c> does.
/// </summary>
public sealed class VetoSlasher : BaseSlasher
{
    private readonly List<SlashRequest> slashRequests = [];
    private readonly Dictionary<string, CheckpointTrace<string?>> resolvers = [];

    public VetoSlasher(Vault vault, Delegator delegator, long vetoDuration, long resolverSetEpochsDelay)
        : base(vault, delegator)
    {
        if (vetoDuration < 0 || vetoDuration >= vault.EpochDuration) throw new SymbioticRevertException("InvalidVetoDuration");
        if (resolverSetEpochsDelay < 3) throw new SymbioticRevertException("InvalidResolverSetEpochsDelay");
        VetoDuration = vetoDuration;
        ResolverSetEpochsDelay = resolverSetEpochsDelay;
    }

    public long VetoDuration { get; }

    public long ResolverSetEpochsDelay { get; }

    public IReadOnlyList<SlashRequest> SlashRequests => slashRequests;

    /// <summary><c>resolverAt(network, t)</c>: the resolver in force at <paramref name="timestamp"/>, null for none.</summary>
    public string? ResolverAt(string network, long timestamp) =>
        resolvers.TryGetValue(network, out var t) ? t.UpperLookupRecent(timestamp) : null;

    /// <summary>
    /// <c>setResolver</c>, called by the network (null removes the resolver). A change still waiting to take effect is
    /// replaced; setting the resolver already in force reverts AlreadySet.
    /// </summary>
    public void SetResolver(string network, string? resolver, long now)
    {
        if (!resolvers.TryGetValue(network, out var trace))
            resolvers[network] = trace = new CheckpointTrace<string?>();
        var (exists, latestTimestamp, _) = trace.LatestCheckpoint;
        if (exists)
        {
            if (latestTimestamp > now) trace.Pop();
            else if (resolver == trace.Latest) throw new SymbioticRevertException("AlreadySet");
            if (resolver != trace.Latest)
                trace.Push(Vault.Epochs.CurrentEpochStart(now) + ResolverSetEpochsDelay * Vault.EpochDuration, resolver);
        }
        else
        {
            if (resolver is null) throw new SymbioticRevertException("AlreadySet");
            trace.Push(now, resolver);
        }
    }

    /// <summary><c>requestSlash(network, operator, amount, captureTimestamp)</c>: the new request's index.</summary>
    public int RequestSlash(string network, string @operator, long amount, long captureTimestamp, long now)
    {
        if (amount < 0) throw new ArgumentOutOfRangeException(nameof(amount));
        if (captureTimestamp < now + VetoDuration - Vault.EpochDuration || captureTimestamp >= now)
            throw new SymbioticRevertException("InvalidCaptureTimestamp");
        long capped = Math.Min(amount, SlashableStake(network, @operator, captureTimestamp, now));
        if (capped == 0) throw new SymbioticRevertException("InsufficientSlash");
        slashRequests.Add(new SlashRequest(network, @operator, capped, captureTimestamp, now + VetoDuration));
        return slashRequests.Count - 1;
    }

    /// <summary><c>vetoSlash(slashIndex)</c> by <paramref name="resolver"/>.</summary>
    public void VetoSlash(int slashIndex, string resolver, long now)
    {
        var request = Request(slashIndex);
        string? captureResolver = ResolverAt(request.Network, request.CaptureTimestamp);
        if (captureResolver is null || ResolverAt(request.Network, now - 1) is null)
            throw new SymbioticRevertException("NoResolver");
        if (resolver != captureResolver) throw new SymbioticRevertException("NotResolver");
        if (request.VetoDeadline <= now) throw new SymbioticRevertException("VetoPeriodEnded");
        if (request.Completed) throw new SymbioticRevertException("SlashRequestCompleted");
        request.Completed = true;
        request.Vetoed = true;
    }

    /// <summary><c>executeSlash(slashIndex)</c>: the slash as executed, with the vault's split.</summary>
    public ExecutedSlash ExecuteSlash(int slashIndex, long now)
    {
        var request = Request(slashIndex);
        if (ResolverAt(request.Network, request.CaptureTimestamp) is not null
            && ResolverAt(request.Network, now - 1) is not null
            && request.VetoDeadline > now)
            throw new SymbioticRevertException("VetoPeriodNotEnded");
        if (SlashLedger.SlashPeriodEnded(request.CaptureTimestamp, now, Vault.EpochDuration)) throw new SymbioticRevertException("SlashPeriodEnded");
        var (slashable, stakeAt) = SlashableAndStakeAt(request.Network, request.Operator, request.CaptureTimestamp, now);
        long slashed = Math.Min(request.Amount, slashable);
        if (slashed == 0) throw new SymbioticRevertException("InsufficientSlash");
        if (request.Completed) throw new SymbioticRevertException("SlashRequestCompleted");
        request.Completed = true;
        return Execute(request.Network, request.Operator, slashed, request.CaptureTimestamp, slashable, stakeAt, now);
    }

    private SlashRequest Request(int slashIndex) =>
        slashIndex < 0 || slashIndex >= slashRequests.Count
            ? throw new SymbioticRevertException("SlashRequestNotExist")
            : slashRequests[slashIndex];
}
