using Restaking.Domain.Checkpoints;
using Restaking.Domain.EigenLayer;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Operators;

/// <summary>
/// EigenLayer's withdrawal queue (DelegationManager.queueWithdrawals / completeQueuedWithdrawal) over one operator's
/// (operator, asset) pools. A pool aggregates its tick-0 stakers; a withdrawal wave is pro rata over them, so each of them
/// keeps the share amount/deposits of the pool, of each withdrawal queued from it and of what those completed with. A listed
/// staker with ticks of its own (<see cref="StakerCohorts"/>) queues its own withdrawal: each withdrawal names its holder,
/// <see cref="TickZeroStakers"/> or the staker's cohort.
/// <para>The rules are the EigenLayer modules': a queued withdrawal stores scaled shares q (<see cref="QueuedWithdrawal"/>),
/// stays slashable for the withdrawal delay (<see cref="QueuedWithdrawals.SlashableSharesInQueue"/>) and completes with
/// q × the slashing factor at its last slashable block (<see cref="QueuedWithdrawal.Complete"/>, reading
/// <see cref="MaxMagnitudeHistory"/>). The clock is the tick: a withdrawal queued in tick T is reached by the slashes of ticks
/// T … T + d − 1 and completes at the start of tick T + d (<see cref="TickClock.DelayTicks"/>), so the module's window
/// [start, start + delay] of delay + 1 blocks is given delay = d − 1.</para>
/// <para>A tick-0 staker deposits under max magnitude WAD, so its deposit scaling factor k is WAD (SlashingLib.update with no
/// prior shares: k = WAD / slashing factor); the pool factor shares/scaled shares then stands for l·m (a later deposit's k
/// keeps it so, <see cref="StakerCohorts"/>), and q = w / (m·l) (divWad) for the withdrawable shares w that leave the operator.</para>
/// </summary>
public sealed class PoolWithdrawals
{
    private readonly int[] assets;
    private readonly string[] assetNames;
    private readonly QueuedWithdrawals[] queues;
    private readonly List<string>[] causes;
    /// <summary>Per pool, parallel to its queue: whose withdrawal each is (<see cref="TickZeroStakers"/> or a cohort slot).</summary>
    private readonly List<int>[] holders;
    private readonly long[] queuedDeposits;
    private readonly long[] completed;
    private readonly int ethPool;
    private MaxMagnitudeHistory history = new();
    /// <summary>l: the beacon chain slashing factor of the native ETH pool while withdrawals wait (EigenPodManager).</summary>
    private long beaconChainFactor = Wad.One;

    /// <param name="assets">The assets of the operator's pools, in its order.</param>
    /// <param name="delayTicks">The withdrawal delay on the tick clock (≥ 1).</param>
    /// <param name="assetNames">Each pool's asset as events name it (default: "eth" or "asset-N").</param>
    public PoolWithdrawals(int[] assets, int delayTicks, IReadOnlyList<string>? assetNames = null)
    {
        if (delayTicks < 1) throw new ArgumentOutOfRangeException(nameof(delayTicks), "the withdrawal delay is at least one tick");
        this.assets = assets;
        this.assetNames = assetNames?.ToArray() ?? assets.Select(a => a == WorldSpec.EthAsset ? "eth" : $"asset-{a}").ToArray();
        DelayTicks = delayTicks;
        queues = assets.Select(_ => new QueuedWithdrawals()).ToArray();
        causes = assets.Select(_ => new List<string>()).ToArray();
        holders = assets.Select(_ => new List<int>()).ToArray();
        queuedDeposits = new long[assets.Length];
        completed = new long[assets.Length];
        ethPool = Array.IndexOf(assets, WorldSpec.EthAsset);
    }

    /// <summary>The holder of a wave's withdrawal: the pool's tick-0 stakers, pro rata.</summary>
    public const int TickZeroStakers = -1;

    public int DelayTicks { get; }

    public IReadOnlyList<int> Assets => assets;

    public string AssetName(int pool) => assetNames[pool];

    public bool HasPending => queues.Any(q => q.Count > 0);

    /// <summary>Deposit shares still in pool <paramref name="pool"/> of the <paramref name="deposited"/> it started with.</summary>
    public long RemainingDeposits(int pool, long deposited) => deposited - queuedDeposits[pool];

    /// <summary>
    /// What the pool's tick-0 stakers hold outside the operator's delegated shares: their pending withdrawals at the slashing
    /// factor now (q × mulWad(m, l), SharesToWithdraw; each is inside its window, since it completes at the start of the
    /// tick its window ends) plus what their completed withdrawals paid.
    /// </summary>
    public long ClaimsOf(int pool, long maxMagnitude) => completed[pool] + PendingOf(pool, maxMagnitude, TickZeroStakers);

    /// <summary>What the withdrawals of <paramref name="holder"/> (every holder when null) still pending in the pool are worth now.</summary>
    public long PendingOf(int pool, long maxMagnitude, int? holder)
    {
        if (queues[pool].Count == 0) return 0;
        long factor = SlashingFactor.Of(maxMagnitude, FactorOf(pool));
        long pending = 0;
        var items = queues[pool].Items;
        for (int j = 0; j < items.Count; j++)
            if (holder is not { } h || holders[pool][j] == h) pending += items[j].SharesToWithdraw(factor);
        return pending;
    }

    /// <summary>
    /// queueWithdrawals of <paramref name="fractionWad"/> of the tick-0 stakers' remaining deposit shares x (SharesAccounting.md
    /// "Queue Withdrawal"): the withdrawable shares w = x × shares / scaled shares (the lazy staker rule, rounded down; their
    /// k is WAD, so x is also their scaled shares) leave the operator now; the withdrawal keeps q = w / slashing factor.
    /// <paramref name="scaledShares"/> is every active staker's s·k in the pool: the tick-0 stakers' remaining deposit shares
    /// plus the cohorts' (<see cref="StakerCohorts.ActiveScaled"/>). Nothing is queued when x or w is 0 (a fully slashed pool).
    /// </summary>
    public QueuedFromPool? Queue(int pool, long fractionWad, long poolShares, Int128 scaledShares, long deposited, long maxMagnitude, int tick, string cause)
    {
        long x = Wad.Mul(RemainingDeposits(pool, deposited), fractionWad, Rounding.Down);
        if (x == 0) return null;
        if (Enqueue(pool, TickZeroStakers, WithdrawableShares.Of(x, poolShares, scaledShares), maxMagnitude, tick, cause) is not { } w) return null;
        queuedDeposits[pool] += x;
        return new QueuedFromPool(pool, assets[pool], x, w.SharesAtQueue, (long)tick + DelayTicks);
    }

    /// <summary>
    /// One listed staker's queueWithdrawals of all its shares, worth <paramref name="withdrawable"/> now (its cohort's share of
    /// the pool): the withdrawal keeps q = w / slashing factor, as a wave's does, and belongs to cohort <paramref name="cohort"/>.
    /// Null when nothing can be queued (w or the slashing factor is 0).
    /// </summary>
    public QueuedWithdrawal? QueueForCohort(int pool, int cohort, long withdrawable, long maxMagnitude, int tick, string cause) =>
        cohort < 0 ? throw new ArgumentOutOfRangeException(nameof(cohort)) : Enqueue(pool, cohort, withdrawable, maxMagnitude, tick, cause);

    /// <summary>The withdrawable shares <paramref name="w"/> leave the operator as a withdrawal of scaled shares w / slashing factor.</summary>
    private QueuedWithdrawal? Enqueue(int pool, int holder, long w, long maxMagnitude, int tick, string cause)
    {
        long factor = SlashingFactor.Of(maxMagnitude, FactorOf(pool));
        if (w == 0 || factor == 0) return null;
        // Completion reads m at slashableUntil: the history must know m as it is now, not only the slashes to come.
        if (history.Latest != maxMagnitude) history.Push(tick, maxMagnitude);
        // q = w / slashing factor in Int128 (uint256 in the contracts): past a long once the factor is tiny (w / 1e-8).
        var withdrawal = new QueuedWithdrawal(tick, Wad.MulDiv((Int128)w, Wad.One, factor, Rounding.Down), w, DelayTicks - 1);
        queues[pool].Add(withdrawal);
        causes[pool].Add(cause);
        holders[pool].Add(holder);
        return withdrawal;
    }

    /// <summary>
    /// slashOperatorShares for a max magnitude change at <paramref name="tick"/>: per pool, the shares the slash takes from
    /// withdrawals still in their window (burned or redistributed; the withdrawals pay less at completion because m is read at
    /// slashableUntil). Null when nothing is queued.
    /// </summary>
    public long[]? Slash(MagnitudeSlash change, int tick)
    {
        if (!HasPending) return null;
        history.Push(tick, change.NewMax);
        return queues.Select(q => q.SlashableSharesInQueue(tick, change)).ToArray();
    }

    /// <summary>
    /// A consensus-layer penalty of <paramref name="amount"/> on the operator's native validators: how much of it the pool
    /// bears (to take with <see cref="PoolMath.TakePenalty"/>) and what it took from pending withdrawals. Without pending ETH
    /// withdrawals the pool bears it all, as before. With them the validators back both: the pod's balance B = pool shares +
    /// pending withdrawals falls by the penalty, l ← l × (B − taken)/B (EigenPodManager._reduceSlashingFactor), which the
    /// withdrawals feel at completion (l is read then), and the pool bears its part, taken × shares / B rounded down.
    /// </summary>
    public (long PoolPart, long FromQueue) SplitBeaconChainPenalty(long amount, long poolShares, long maxMagnitude)
    {
        long pending = ethPool < 0 ? 0 : PendingOf(ethPool, maxMagnitude, null);
        if (pending == 0) return (amount, 0);
        long balance = poolShares + pending;
        long taken = Math.Min(amount, balance);
        beaconChainFactor = SlashingFactor.ReduceBeaconChain(beaconChainFactor, balance, taken);
        long pendingAfter = PendingOf(ethPool, maxMagnitude, null);
        return (Wad.MulDiv(taken, poolShares, balance, Rounding.Down), pending - pendingAfter);
    }

    /// <summary>completeQueuedWithdrawal for every withdrawal whose window ended before <paramref name="tick"/>, oldest first
    /// (one delay for all, so they are a prefix of each queue): it pays q × mulWad(m at slashableUntil, l now).</summary>
    public IReadOnlyList<CompletedWithdrawal> CompleteDue(int tick)
    {
        List<CompletedWithdrawal>? done = null;
        for (int pool = 0; pool < queues.Length; pool++)
        {
            var queue = queues[pool];
            while (queue.Count > 0 && queue.Items[0].IsCompletableAt(tick))
            {
                var withdrawal = queue.Items[0];
                long paid = withdrawal.Complete(tick, history, FactorOf(pool));
                int holder = holders[pool][0];
                // A cohort keeps what its own withdrawal paid (StakerCohorts); the tick-0 stakers share theirs here.
                if (holder == TickZeroStakers) completed[pool] += paid;
                queue.Remove(withdrawal);
                (done ??= []).Add(new CompletedWithdrawal(pool, assets[pool], withdrawal.SharesAtQueue, paid, causes[pool][0], holder));
                causes[pool].RemoveAt(0);
                holders[pool].RemoveAt(0);
            }
        }
        // No withdrawal waits: the history and l only matter relative to queueing, so they start afresh.
        if (done is not null && !HasPending)
        {
            history = new MaxMagnitudeHistory();
            beaconChainFactor = Wad.One;
        }
        return done ?? (IReadOnlyList<CompletedWithdrawal>)[];
    }

    private long FactorOf(int pool) => pool == ethPool ? beaconChainFactor : Wad.One;

    /// <summary>Per pool: the queue, its causes and holders, the deposit shares that left, what completed paid; then the history and l.</summary>
    public void SaveState(CheckpointWriter writer)
    {
        for (int pool = 0; pool < queues.Length; pool++)
        {
            queues[pool].SaveState(writer);
            writer.WriteStrings(causes[pool]);
            writer.WriteInts(holders[pool].ToArray());
        }
        writer.WriteLongs(queuedDeposits);
        writer.WriteLongs(completed);
        history.SaveState(writer);
        writer.WriteLong(beaconChainFactor);
    }

    public void RestoreState(CheckpointReader reader)
    {
        for (int pool = 0; pool < queues.Length; pool++)
        {
            queues[pool].RestoreState(reader);
            var saved = reader.ReadStrings();
            CheckpointReader.RequireCount(saved.Length, queues[pool].Count, "causes of queued withdrawals");
            causes[pool].Clear();
            causes[pool].AddRange(saved);
            var owners = reader.ReadInts();
            CheckpointReader.RequireCount(owners.Length, queues[pool].Count, "holders of queued withdrawals");
            if (owners.Any(h => h < TickZeroStakers)) throw new CheckpointFormatException("a queued withdrawal's holder out of range");
            holders[pool].Clear();
            holders[pool].AddRange(owners);
        }
        reader.ReadInto(queuedDeposits, "queued deposit shares per pool");
        reader.ReadInto(completed, "completed withdrawals per pool");
        history = new MaxMagnitudeHistory();
        history.RestoreState(reader);
        long l = reader.ReadLong();
        if (l < 0 || l > Wad.One) throw new CheckpointFormatException($"beacon chain slashing factor {l} out of range");
        beaconChainFactor = l;
    }
}

/// <summary>What one pool queued: deposit shares x, withdrawable shares w (left the operator), the tick it completes.</summary>
public readonly record struct QueuedFromPool(int Pool, int Asset, long DepositShares, long Shares, long CompletesAtTick);

/// <summary>A completed withdrawal: the shares it left the operator with, what it paid after slashing, and whose it was
/// (<see cref="PoolWithdrawals.TickZeroStakers"/> or a cohort slot).</summary>
public readonly record struct CompletedWithdrawal(int Pool, int Asset, long SharesAtQueue, long Paid, string Cause, int Holder = PoolWithdrawals.TickZeroStakers);
