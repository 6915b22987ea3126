using Restaking.Domain.Checkpoints;
using Restaking.Domain.EigenLayer;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Operators;

/// <summary>
/// EigenLayer's withdrawal queue (DelegationManager.queueWithdrawals / completeQueuedWithdrawal) over one operator's
/// (operator, asset) pools. A pool aggregates its stakers; a withdrawal wave is pro rata over them, so every staker keeps
/// the share amount/deposits of the pool, of each withdrawal queued from it and of what those completed with.
/// <para>The rules are the EigenLayer modules': a queued withdrawal stores scaled shares q (<see cref="QueuedWithdrawal"/>),
/// stays slashable for the withdrawal delay (<see cref="QueuedWithdrawals.SlashableSharesInQueue"/>) and completes with
/// q × the slashing factor at its last slashable block (<see cref="QueuedWithdrawal.Complete"/>, reading
/// <see cref="MaxMagnitudeHistory"/>). The clock is the tick: a withdrawal queued in tick T is reached by the slashes of ticks
/// T … T + d − 1 and completes at the start of tick T + d (<see cref="TickClock.DelayTicks"/>), so the module's window
/// [start, start + delay] of delay + 1 blocks is given delay = d − 1.</para>
/// <para>Every deposit is made at tick 0 under max magnitude WAD, so a staker's deposit scaling factor k is WAD
/// (SlashingLib.update with no prior shares: k = WAD / slashing factor); the pool factor shares/deposits then stands for
/// l·m, and q = w / (m·l) (divWad) for the withdrawable shares w that leave the operator.</para>
/// </summary>
public sealed class PoolWithdrawals
{
    private readonly int[] assets;
    private readonly string[] assetNames;
    private readonly QueuedWithdrawals[] queues;
    private readonly List<string>[] causes;
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
        queuedDeposits = new long[assets.Length];
        completed = new long[assets.Length];
        ethPool = Array.IndexOf(assets, WorldSpec.EthAsset);
    }

    public int DelayTicks { get; }

    public IReadOnlyList<int> Assets => assets;

    public string AssetName(int pool) => assetNames[pool];

    public bool HasPending => queues.Any(q => q.Count > 0);

    /// <summary>Deposit shares still in pool <paramref name="pool"/> of the <paramref name="deposited"/> it started with.</summary>
    public long RemainingDeposits(int pool, long deposited) => deposited - queuedDeposits[pool];

    /// <summary>
    /// What the pool's stakers hold outside the operator's delegated shares: every pending withdrawal at the slashing
    /// factor now (q × mulWad(m, l), SharesToWithdraw; each is inside its window, since it completes at the start of the
    /// tick its window ends) plus what completed withdrawals paid.
    /// </summary>
    public long ClaimsOf(int pool, long maxMagnitude)
    {
        long claims = completed[pool];
        if (queues[pool].Count == 0) return claims;
        long factor = SlashingFactor.Of(maxMagnitude, FactorOf(pool));
        foreach (var w in queues[pool].Items) claims += w.SharesToWithdraw(factor);
        return claims;
    }

    /// <summary>
    /// queueWithdrawals of <paramref name="fractionWad"/> of the pool's remaining deposit shares x (SharesAccounting.md "Queue
    /// Withdrawal"): the withdrawable shares w = x × shares/deposits (the lazy staker rule, rounded down) leave the operator
    /// now; the withdrawal keeps q = w / slashing factor. Nothing is queued when x or w is 0 (a fully slashed pool).
    /// </summary>
    public QueuedFromPool? Queue(int pool, long fractionWad, long poolShares, long deposited, long maxMagnitude, int tick, string cause)
    {
        long deposits = RemainingDeposits(pool, deposited);
        long x = Wad.Mul(deposits, fractionWad, Rounding.Down);
        if (x == 0) return null;
        long w = WithdrawableShares.Of(x, poolShares, deposits);
        long factor = SlashingFactor.Of(maxMagnitude, FactorOf(pool));
        if (w == 0 || factor == 0) return null;
        // Completion reads m at slashableUntil: the history must know m as it is now, not only the slashes to come.
        if (history.Latest != maxMagnitude) history.Push(tick, maxMagnitude);
        var withdrawal = new QueuedWithdrawal(tick, Wad.Ratio(w, factor, Rounding.Down), w, DelayTicks - 1);
        queues[pool].Add(withdrawal);
        causes[pool].Add(cause);
        queuedDeposits[pool] += x;
        return new QueuedFromPool(pool, assets[pool], x, w, (long)tick + DelayTicks);
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
        long pending = ethPool < 0 ? 0 : ClaimsOf(ethPool, maxMagnitude) - completed[ethPool];
        if (pending == 0) return (amount, 0);
        long balance = poolShares + pending;
        long taken = Math.Min(amount, balance);
        beaconChainFactor = SlashingFactor.ReduceBeaconChain(beaconChainFactor, balance, taken);
        long pendingAfter = ClaimsOf(ethPool, maxMagnitude) - completed[ethPool];
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
                completed[pool] += paid;
                queue.Remove(withdrawal);
                (done ??= []).Add(new CompletedWithdrawal(pool, assets[pool], withdrawal.SharesAtQueue, paid, causes[pool][0]));
                causes[pool].RemoveAt(0);
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

    /// <summary>Per pool: the queue, its causes, the deposit shares that left, what completed paid; then the history and l.</summary>
    public void SaveState(CheckpointWriter writer)
    {
        for (int pool = 0; pool < queues.Length; pool++)
        {
            queues[pool].SaveState(writer);
            writer.WriteStrings(causes[pool]);
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

/// <summary>A completed withdrawal: the shares it left the operator with and what it paid after slashing.</summary>
public readonly record struct CompletedWithdrawal(int Pool, int Asset, long SharesAtQueue, long Paid, string Cause);
