using System.Globalization;
using System.Text;
using System.Text.Json;
using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;

namespace Restaking.Domain.Engine;

/// <summary>The state numbers the timeline needs at the end of a tick, gathered from the entities.</summary>
public sealed record TickSnapshot(long RestakedValueGwei, int OperatorsSlashed, int ServicesCompromised, IReadOnlyList<(long NavWad, long PriceWad)> Tokens);

/// <summary>
/// Turns each tick's events (in canonical order) and end-of-tick snapshot into timeline rows and event lines, and
/// keeps the running totals the summary needs. Nothing here reads a clock: same inputs, same bytes.
/// </summary>
public sealed class RunRecorder : ICheckpointable
{
    private readonly StringBuilder timeline = new();
    private readonly List<string> eventLines = [];
    private readonly Func<EntityRef, string> nameOf;
    private readonly bool lines;
    private readonly bool queuedColumn;
    private int eventCount;

    /// <param name="sharedVaultOperators">Operators whose collateral sits in a shared Symbiotic vault (their slashes are the vaults'
    /// in <see cref="VaultSlashes"/>).</param>
    /// <param name="queuedColumn">Add the column <c>slashed_queued_gwei</c> (the part of <c>slashed_gwei</c> taken from
    /// withdrawals waiting to leave): for scenarios that can queue any (<see cref="CanSlashQueuedStake"/>), so the others'
    /// timelines keep their columns.</param>
    public RunRecorder(Func<EntityRef, string> nameOf, IReadOnlyList<string> tokenIds, IReadOnlySet<int>? sharedVaultOperators = null, bool queuedColumn = false)
        : this(nameOf, tokenIds.Count, lines: true, sharedVaultOperators)
    {
        this.queuedColumn = queuedColumn;
        var header = new List<string> { "tick", "restaked_value_gwei", "slashed_gwei" };
        header.AddRange(SlashReasons.All.Select(r => $"slashed_{r.Name()}_gwei"));
        if (queuedColumn) header.Add("slashed_queued_gwei");
        header.AddRange(["value_lost_gwei", "operators_slashed", "services_compromised", "attacks", "cascade_rounds", "contagion_depth"]);
        foreach (var id in tokenIds) header.AddRange([$"nav_{id}_wad", $"price_{id}_wad"]);
        timeline.Append(string.Join(',', header)).Append('\n');
    }

    private RunRecorder(Func<EntityRef, string> nameOf, int tokenCount, bool lines, IReadOnlySet<int>? sharedVaultOperators = null)
    {
        this.nameOf = nameOf;
        VaultSlashes = new VaultSlashFigures(sharedVaultOperators ?? new HashSet<int>());
        this.lines = lines;
        MinNavWad = new long[tokenCount];
        MinPriceWad = new long[tokenCount];
        DepegTicks = new int[tokenCount];
        DepositsGwei = new long[tokenCount];
        YieldExitsGwei = new long[tokenCount];
        MinPriceTick = new int[tokenCount];
        Array.Fill(MinNavWad, long.MaxValue);
        Array.Fill(MinPriceWad, long.MaxValue);
    }

    /// <summary>
    /// Keeps the totals only: no timeline rows and no event lines (empty), which a Monte Carlo trial does not need
    /// (with summary.json, which it skips too, they make a mainnet-2025 trial 0.82–0.84 of a full run's time). Every total is
    /// the same as a full recorder's.
    /// </summary>
    public static RunRecorder FiguresOnly(int tokenCount) => new(_ => "", tokenCount, lines: false);

    /// <summary>The full recorder of a run of <paramref name="world"/>: entity names, token columns, the shared vaults' operators,
    /// the queued-slash column when the scenario can queue.</summary>
    public static RunRecorder For(World world) =>
        new(world.NameOf, world.Spec.Tokens.Select(t => t.Id).ToList(), world.Vaults.SelectMany(v => v.Operators).ToHashSet(),
            CanSlashQueuedStake(world.Spec.Scenario));

    public long[] SlashedByReason { get; } = new long[SlashReasons.All.Count];
    private readonly SortedDictionary<int, long> slashedByService = [];
    /// <summary>Stake slashed by each service that slashed any (by service index): where it went depends on the service
    /// (burned, or redistributed under ELIP-006).</summary>
    public IReadOnlyDictionary<int, long> SlashedByService => slashedByService;
    private readonly SortedDictionary<int, long> attackSlashedByService = [];
    private readonly SortedDictionary<(int Tick, int Service), long> slashedByTickAndService = [];
    /// <summary><see cref="SlashedByService"/> tick by tick: each (tick, service) is one escrow when the service redistributes
    /// and the scenario has a slash escrow (ELIP-006 SlashEscrowFactory, <see cref="EigenLayer.SlashEscrows"/>).</summary>
    public IReadOnlyDictionary<(int Tick, int Service), long> SlashedByTickAndService => slashedByTickAndService;
    /// <summary>The part of <see cref="SlashedByService"/> slashed for attacks: a service's punishment of its attackers or,
    /// for a service that redistributes to its corruptor, the corruptor draining it (it punishes no one).</summary>
    public IReadOnlyDictionary<int, long> AttackSlashedByService => attackSlashedByService;
    /// <summary>Every gwei slashed: from operators' delegated stake and from withdrawals still slashable (both in
    /// <see cref="SlashedByReason"/>).</summary>
    public long SlashedTotal => SlashedByReason.Sum();
    /// <summary>The part of <see cref="SlashedTotal"/> taken from withdrawals waiting to leave: EigenLayer's queued
    /// withdrawals (and the queued part of beacon-chain penalties) and Symbiotic vaults' pending withdrawals. Their blocks
    /// (<see cref="EigenLayer"/>, <see cref="VaultWithdrawals"/>) give the same amounts again, broken down.</summary>
    public long SlashedFromQueuedGwei => EigenLayer.SlashedWhileQueuedGwei + VaultWithdrawals.SlashedWhilePendingGwei;

    /// <summary>Whether the scenario can queue withdrawals that slashes may reach (withdrawal-wave, vault-withdrawal, a staker's withdrawTick): only
    /// then do the summary and the timeline show the split of slashed stake, so other scenarios' outputs keep their shape.</summary>
    public static bool CanSlashQueuedStake(Scenarios.Scenario scenario) =>
        scenario.Faults.Any(f => f.Type is Scenarios.FaultType.WithdrawalWave or Scenarios.FaultType.VaultWithdrawal)
        || scenario.Stakers.Any(s => s.WithdrawTick is not null);   // a listed staker's own EigenLayer withdrawal
    /// <summary>Value lost by services and tokens: <see cref="ServiceValueLostGwei"/> + <see cref="TokenPenaltyGwei"/>
    /// + what drained bridges took from the tokens they wrap (the same value as the bridge's loss, seen from the token).</summary>
    public long ValueLostGwei { get; private set; }
    /// <summary>Value at risk lost by compromised or drained services.</summary>
    public long ServiceValueLostGwei { get; private set; }
    /// <summary>Consensus-layer penalties on validators a token owns (an LST's backing).</summary>
    public long TokenPenaltyGwei { get; private set; }
    public int Attacks { get; private set; }
    public int MaxContagionDepth { get; private set; }
    public int MaxCascadeRounds { get; private set; }
    public int RoundCapHits { get; private set; }
    public int EventCount => eventCount;
    public long[] MinNavWad { get; }
    public long[] MinPriceWad { get; }
    /// <summary>Per token: ticks that ended with the price more than <see cref="DepegThresholdWad"/> below NAV.</summary>
    public int[] DepegTicks { get; }
    /// <summary>Per token: the first tick at which the price was at its lowest.</summary>
    public int[] MinPriceTick { get; }
    public int LiquidationEvents { get; private set; }
    public long LiquidatedDebtGwei { get; private set; }
    public long BadDebtGwei { get; private set; }
    public long MarketSalesEth { get; private set; }
    /// <summary>Per token: ETH brought by yield-driven deposits.</summary>
    public long[] DepositsGwei { get; }
    /// <summary>Per token: NAV value of the tokens yield-driven holders took out (through the exit wave).</summary>
    public long[] YieldExitsGwei { get; }
    /// <summary>Whistleblower and proposer rewards issued for base-chain slashings (Electra slash_validator).</summary>
    public long WhistleblowerRewardsGwei { get; private set; }
    /// <summary>EigenLayer withdrawals and allocation changes (the summary's "eigenlayer" block).</summary>
    public EigenLayerFigures EigenLayer { get; } = new();
    /// <summary>Shared Symbiotic vaults' withdrawals (the summary's "vaultWithdrawals" block).</summary>
    public VaultWithdrawalFigures VaultWithdrawals { get; } = new();
    /// <summary>Where shared vaults' slashes came from, and curator limit changes (the summary's "vaultSlashes" block).</summary>
    public VaultSlashFigures VaultSlashes { get; }
    /// <summary>Veto slashers' requests, vetoes, late vetoes and lapses (the summary's "vetoes" block).</summary>
    public VetoFigures Vetoes { get; } = new();

    /// <summary>A token counts as depegged while its price is more than 2 % below NAV (our threshold, stated in docs/models/tokens-and-lending.md).</summary>
    public const long DepegThresholdWad = Units.Wad.One / 50;
    public TickSnapshot? Last { get; private set; }

    public void RecordTick(int tick, IReadOnlyList<CascadeEvent> events, int cascadeRounds, bool roundCapHit, TickSnapshot snapshot)
    {
        int depth = 0;
        foreach (var e in events)
        {
            depth = Math.Max(depth, e.Depth);
            VaultSlashes.Add(e);
            Vetoes.Add(e);
            switch (e.Kind)
            {
                // "Slashed" is restaked stake: what operators lose. Penalties on an LST's own validators lower that
                // token's backing instead, like a drain, and count as value lost.
                case CascadeEventKind.Slash or CascadeEventKind.Penalty when e.Target.Kind == EntityKind.Operator:
                    CountSlashed(e);
                    break;
                // Stake slashed while it waited to leave is lost like any slashed stake: EigenLayer's queued withdrawals stay
                // slashable (DelegationManager.slashOperatorShares; ELIP-006 burns or redistributes those shares too) and a
                // vault's pending withdrawals — withdrawals[current + 1], and withdrawals[current] for a capture in the
                // previous epoch — take their share of a slash (Vault.onSlash). Counted once here; the blocks break it down again.
                case CascadeEventKind.WithdrawalSlashed:
                    CountSlashed(e);
                    EigenLayer.Add(e);
                    break;
                case CascadeEventKind.VaultWithdrawalSlashed or CascadeEventKind.CaptureEpochWithdrawalSlashed:
                    CountSlashed(e);
                    VaultWithdrawals.Add(e);
                    break;
                case CascadeEventKind.Penalty or CascadeEventKind.Compromise or CascadeEventKind.Drain:
                    ValueLostGwei += e.AmountGwei;
                    if (e.Target.Kind == EntityKind.Service) ServiceValueLostGwei += e.AmountGwei;
                    else if (e.Kind == CascadeEventKind.Penalty) TokenPenaltyGwei += e.AmountGwei;
                    break;
                // One event per attacked service; `attacks` counts attacks launched (RationalAdversary.OpensAttack).
                case CascadeEventKind.Attack:
                    if (Adversary.RationalAdversary.OpensAttack(e.Detail)) Attacks++;
                    break;
                case CascadeEventKind.Liquidation:
                    LiquidationEvents++;
                    LiquidatedDebtGwei += e.AmountGwei;
                    break;
                case CascadeEventKind.BadDebt:
                    BadDebtGwei += e.AmountGwei;
                    break;
                case CascadeEventKind.MarketSale:
                    MarketSalesEth += e.AmountGwei;
                    break;
                case CascadeEventKind.WhistleblowerReward:
                    WhistleblowerRewardsGwei += e.AmountGwei;
                    break;
                case CascadeEventKind.Deposit when e.Target.Kind == EntityKind.Token:
                    DepositsGwei[e.Target.Index] += e.AmountGwei;
                    break;
                case CascadeEventKind.YieldExit:
                    YieldExitsGwei[e.Target.Index] += e.AmountGwei;
                    break;
                case CascadeEventKind.WithdrawalQueued or CascadeEventKind.WithdrawalCompleted
                    or CascadeEventKind.AllocationQueued or CascadeEventKind.AllocationEffective or CascadeEventKind.AllocationRejected
                    or CascadeEventKind.Deposit or CascadeEventKind.DepositRejected:   // a deposit here: a listed staker's, at an operator
                    EigenLayer.Add(e);
                    break;
                case var kind when VaultWithdrawalFigures.Counts(kind):
                    VaultWithdrawals.Add(e);
                    break;
            }
            eventCount++;
            if (lines) eventLines.Add(EventLine(e));
        }
        MaxContagionDepth = Math.Max(MaxContagionDepth, depth);
        MaxCascadeRounds = Math.Max(MaxCascadeRounds, cascadeRounds);
        if (roundCapHit) RoundCapHits++;
        for (int t = 0; t < snapshot.Tokens.Count; t++)
        {
            var (nav, price) = snapshot.Tokens[t];
            MinNavWad[t] = Math.Min(MinNavWad[t], nav);
            if (price < MinPriceWad[t]) (MinPriceWad[t], MinPriceTick[t]) = (price, tick);
            if (price < Units.Wad.Mul(nav, Units.Wad.One - DepegThresholdWad, Units.Rounding.Down)) DepegTicks[t]++;
        }
        Last = snapshot;
        if (!lines) return;

        var row = new List<long> { tick, snapshot.RestakedValueGwei, SlashedTotal };
        row.AddRange(SlashedByReason);
        if (queuedColumn) row.Add(SlashedFromQueuedGwei);
        row.AddRange([ValueLostGwei, snapshot.OperatorsSlashed, snapshot.ServicesCompromised, Attacks, cascadeRounds, depth]);
        foreach (var (nav, price) in snapshot.Tokens) row.AddRange([nav, price]);
        timeline.Append(string.Join(',', row.Select(v => v.ToString(CultureInfo.InvariantCulture)))).Append('\n');
    }

    /// <summary>A slash or penalty of an operator's stake, or of its stakers' withdrawals: by reason, and by the service that
    /// slashed it (where it went depends on the service: burned, or redistributed under ELIP-006).</summary>
    private void CountSlashed(CascadeEvent e)
    {
        SlashedByReason[(int)e.Reason!.Value] += e.AmountGwei;
        if (e.Kind == CascadeEventKind.Penalty || e.Source.Kind != EntityKind.Service) return;
        slashedByService[e.Source.Index] = slashedByService.GetValueOrDefault(e.Source.Index) + e.AmountGwei;
        slashedByTickAndService[(e.Tick, e.Source.Index)] = slashedByTickAndService.GetValueOrDefault((e.Tick, e.Source.Index)) + e.AmountGwei;
        if (e.Reason == SlashReason.Attack)
            attackSlashedByService[e.Source.Index] = attackSlashedByService.GetValueOrDefault(e.Source.Index) + e.AmountGwei;
    }

    public string TimelineCsv => timeline.ToString();

    /// <summary>The timeline's header line (no newline).</summary>
    public string TimelineHeader => Line(0);

    /// <summary>The last timeline line written (no newline): the row of the tick just recorded, or the header.</summary>
    public string LastTimelineRow
    {
        get
        {
            int end = timeline.Length - 1, start = end;
            while (start > 0 && timeline[start - 1] != '\n') start--;
            return end < 0 ? "" : timeline.ToString(start, end - start);
        }
    }

    private string Line(int start)
    {
        int end = start;
        while (end < timeline.Length && timeline[end] != '\n') end++;
        return timeline.ToString(start, end - start);
    }

    public string CheckpointKind => "run-recorder";
    public string CheckpointId => "recorder";

    /// <summary>Everything the outputs are built from: the timeline and event lines so far, the running totals and
    /// minima, and the last snapshot (the summary's final restaked value).</summary>
    public void SaveState(CheckpointWriter writer)
    {
        writer.WriteString(TimelineCsv);
        writer.WriteStrings(eventLines);
        writer.WriteLongs(SlashedByReason);
        writer.WriteInt(eventCount);
        writer.WriteLong(ValueLostGwei);
        writer.WriteLong(ServiceValueLostGwei);
        writer.WriteLong(TokenPenaltyGwei);
        writer.WriteInt(Attacks);
        writer.WriteInt(MaxContagionDepth);
        writer.WriteInt(MaxCascadeRounds);
        writer.WriteInt(RoundCapHits);
        writer.WriteLongs(MinNavWad);
        writer.WriteLongs(MinPriceWad);
        writer.WriteInts(DepegTicks);
        writer.WriteInts(MinPriceTick);
        writer.WriteInt(LiquidationEvents);
        writer.WriteLong(LiquidatedDebtGwei);
        writer.WriteLong(BadDebtGwei);
        writer.WriteLong(MarketSalesEth);
        writer.WriteLong(WhistleblowerRewardsGwei);
        writer.WriteLongs(DepositsGwei);
        writer.WriteLongs(YieldExitsGwei);
        writer.WriteAll(slashedByService.ToList(), p => { writer.WriteInt(p.Key); writer.WriteLong(p.Value); });
        writer.WriteAll(attackSlashedByService.ToList(), p => { writer.WriteInt(p.Key); writer.WriteLong(p.Value); });
        writer.WriteAll(slashedByTickAndService.ToList(), p => { writer.WriteInt(p.Key.Tick); writer.WriteInt(p.Key.Service); writer.WriteLong(p.Value); });
        EigenLayer.SaveState(writer);
        VaultWithdrawals.SaveState(writer);
        VaultSlashes.SaveState(writer);
        Vetoes.SaveState(writer);
        writer.WriteBool(Last is not null);
        if (Last is not { } last) return;
        writer.WriteLong(last.RestakedValueGwei);
        writer.WriteInt(last.OperatorsSlashed);
        writer.WriteInt(last.ServicesCompromised);
        writer.WriteLongs(last.Tokens.SelectMany(t => new[] { t.NavWad, t.PriceWad }).ToArray());
    }

    public void RestoreState(CheckpointReader reader)
    {
        string saved = reader.ReadString();
        timeline.Clear().Append(saved);
        eventLines.Clear();
        eventLines.AddRange(reader.ReadStrings());
        reader.ReadInto(SlashedByReason, "slash reasons");
        eventCount = reader.ReadInt();
        if (lines) CheckpointReader.RequireCount(eventLines.Count, eventCount, "event lines");
        ValueLostGwei = reader.ReadLong();
        ServiceValueLostGwei = reader.ReadLong();
        TokenPenaltyGwei = reader.ReadLong();
        Attacks = reader.ReadInt();
        MaxContagionDepth = reader.ReadInt();
        MaxCascadeRounds = reader.ReadInt();
        RoundCapHits = reader.ReadInt();
        reader.ReadInto(MinNavWad, "tokens");
        reader.ReadInto(MinPriceWad, "tokens");
        var depeg = reader.ReadInts();
        var minTick = reader.ReadInts();
        CheckpointReader.RequireCount(depeg.Length, DepegTicks.Length, "tokens");
        CheckpointReader.RequireCount(minTick.Length, MinPriceTick.Length, "tokens");
        depeg.CopyTo(DepegTicks, 0);
        minTick.CopyTo(MinPriceTick, 0);
        LiquidationEvents = reader.ReadInt();
        LiquidatedDebtGwei = reader.ReadLong();
        BadDebtGwei = reader.ReadLong();
        MarketSalesEth = reader.ReadLong();
        WhistleblowerRewardsGwei = reader.ReadLong();
        reader.ReadInto(DepositsGwei, "tokens");
        reader.ReadInto(YieldExitsGwei, "tokens");
        ReadByService(reader, slashedByService);
        ReadByService(reader, attackSlashedByService);
        slashedByTickAndService.Clear();
        foreach (var (tick, service, gwei) in reader.ReadAll(16, () => (reader.ReadInt(), reader.ReadInt(), reader.ReadLong())))
            slashedByTickAndService[(tick, service)] = gwei;
        EigenLayer.RestoreState(reader);
        VaultWithdrawals.RestoreState(reader);
        VaultSlashes.RestoreState(reader);
        Vetoes.RestoreState(reader);
        Last = null;
        if (!reader.ReadBool()) return;
        long restaked = reader.ReadLong();
        int slashed = reader.ReadInt(), compromised = reader.ReadInt();
        var navAndPrice = reader.ReadLongs();
        CheckpointReader.RequireCount(navAndPrice.Length, 2 * MinNavWad.Length, "token figures in the last snapshot");
        Last = new TickSnapshot(restaked, slashed, compromised,
            Enumerable.Range(0, MinNavWad.Length).Select(t => (navAndPrice[2 * t], navAndPrice[2 * t + 1])).ToList());
    }

    private static void ReadByService(CheckpointReader reader, SortedDictionary<int, long> into)
    {
        var saved = reader.ReadAll(12, () => (Service: reader.ReadInt(), Gwei: reader.ReadLong()));
        into.Clear();
        foreach (var (service, gwei) in saved) into[service] = gwei;
    }

    public IReadOnlyList<string> EventLines => eventLines;

    private string EventLine(CascadeEvent e)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("tick", e.Tick);
            w.WriteNumber("round", e.Round);
            w.WriteString("kind", e.Kind.ToString().ToLowerInvariant());
            w.WriteString("source", nameOf(e.Source));
            w.WriteString("target", nameOf(e.Target));
            w.WriteNumber("amount_gwei", e.AmountGwei);
            if (e.Reason is { } reason) w.WriteString("reason", reason.Name());
            w.WriteString("cause", e.Cause);
            w.WriteNumber("depth", e.Depth);
            if (e.Detail is not null) w.WriteString("detail", e.Detail);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
