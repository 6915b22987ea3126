using Restaking.Domain.Checkpoints;
using Restaking.Domain.EigenLayer;
using Restaking.Domain.Units;

namespace Restaking.Domain.Operators;

/// <summary>Where a listed staker with ticks of its own stands at its operator.</summary>
public enum CohortStatus
{
    /// <summary>Its deposit tick has not come (or the run ended before it).</summary>
    Waiting,
    /// <summary>Deposited: its shares are delegated to the operator.</summary>
    Active,
    /// <summary>It queued the withdrawal of all its shares; the withdrawal is in its delay, still slashable.</summary>
    Withdrawing,
    /// <summary>Its withdrawal completed.</summary>
    Withdrawn,
    /// <summary>The contracts refused its deposit: the operator's slashing factor was 0 (FullySlashed). It holds nothing restaked.</summary>
    Refused,
}

/// <summary>A listed staker with ticks of its own, as its operator knows it: its deposit (= deposit shares, in its asset's
/// gwei), what it can withdraw now in total (delegated, queued and completed), when it deposited and the ETH value of its
/// deposit at that tick's price (its principal for realized yields).</summary>
public readonly record struct CohortPosition(int Staker, int Asset, long DepositShares, long WithdrawableShares, int DepositTick,
    long StartValueGwei, CohortStatus Status)
{
    /// <summary>Whether its deposit reached the operator: not still waiting, not refused (FullySlashed). Otherwise the staker
    /// holds its asset outside, restaked nothing and earns nothing.</summary>
    public bool Deposited => Status is not (CohortStatus.Waiting or CohortStatus.Refused);
}

/// <summary>
/// The listed stakers of one operator that deposit during the run or withdraw on their own (<see cref="Scenarios.StakerBook.Scheduled"/>).
/// Every other staker of an (operator, asset) pool deposited at tick 0 with k = WAD and stays in the pool's aggregate, so a
/// million of them cost nothing; each of these is a cohort of one with its own deposit shares s and deposit scaling factor k
/// (<see cref="DepositScalingFactor"/>, SlashingLib.update).
/// <para>A pool's stakers share its operator shares S by their scaled shares s·k (the tick-0 stakers': their deposit shares):
/// a cohort can withdraw ⌊s·k × S / Σ s·k⌋ (<see cref="WithdrawableShares"/>), i.e. s·k·(l·m) with the pool's slashing factor
/// l·m carried exactly as S / Σ s·k — for a pool of tick-0 stakers only, the lazy rule shares/deposits as before. A deposit of
/// d re-solves k = WAD / (l·m) (its first deposit, SharesAccounting.md "Deposits"), so its s·k·(l·m) is d: it is worth what
/// was deposited, earlier losses stay with the earlier shares, and a later slash takes the same fraction of both.</para>
/// </summary>
public sealed class StakerCohorts
{
    private readonly Cohort[] cohorts;

    /// <param name="stakers">Per cohort, in staker order: the staker's index, its pool slot at the operator, its deposit and deposit tick.</param>
    public StakerCohorts(IReadOnlyList<(int Staker, int Pool, long Deposit, int DepositTick)> stakers)
    {
        cohorts = stakers.Select(s => new Cohort(s.Staker, s.Pool, s.Deposit, s.DepositTick)).ToArray();
        for (int c = 1; c < cohorts.Length; c++)
            if (cohorts[c].Staker <= cohorts[c - 1].Staker) throw new ArgumentException("cohorts must be in staker order", nameof(stakers));
    }

    public static StakerCohorts None { get; } = new([]);

    public int Count => cohorts.Length;

    public int PoolOf(int slot) => cohorts[slot].Pool;

    public long DepositOf(int slot) => cohorts[slot].Deposit;

    public int DepositTickOf(int slot) => cohorts[slot].DepositTick;

    public CohortStatus StatusOf(int slot) => cohorts[slot].Status;

    /// <summary>The cohort slot of staker <paramref name="staker"/>, or −1 when it is not one of these.</summary>
    public int SlotOf(int staker)
    {
        int lo = 0, hi = cohorts.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (cohorts[mid].Staker == staker) return mid;
            if (cohorts[mid].Staker < staker) lo = mid + 1;
            else hi = mid - 1;
        }
        return -1;
    }

    /// <summary>Σ s·k of the cohorts delegated in <paramref name="pool"/> (0 before a deposit and after a withdrawal). s·k and its
    /// sums are <see cref="Int128"/>, as uint256 in the contracts: k ≈ 1/(l·m) takes s·k past a long when a staker deposits into
    /// an operator slashed almost to zero (k = 1e8 for l·m = 1e-8, so 2,000 ETH scales to 2e20 gwei).</summary>
    public Int128 ActiveScaled(int pool)
    {
        Int128 sum = 0;
        foreach (var c in cohorts)
            if (c.Pool == pool) sum = checked(sum + c.Scaled);
        return sum;
    }

    /// <summary>s·k of one cohort while it is delegated.</summary>
    public Int128 ScaledOf(int slot) => cohorts[slot].Scaled;

    /// <summary>k of one cohort (WAD before its deposit and after its withdrawal: SlashingLib.reset).</summary>
    public UInt128 ScalingFactorOf(int slot) => cohorts[slot].Factor.Value;

    /// <summary>
    /// The slashing factor a deposit into a pool meets: S / Σ s·k, rounded down (at most WAD), while the pool has stakers;
    /// in an empty pool the operator's max magnitude m with a new pod's l = WAD (DelegationManager._getSlashingFactor).
    /// </summary>
    public static long SlashingFactorOf(long poolShares, Int128 scaledShares, long maxMagnitude) =>
        scaledShares > 0 ? (long)Int128.Min(Wad.One, Wad.MulDiv(poolShares, Wad.One, scaledShares, Rounding.Down)) : SlashingFactor.Of(maxMagnitude);

    /// <summary>
    /// The cohort's deposit under <paramref name="slashingFactor"/> (&gt; 0): k = WAD / slashingFactor (SlashingLib.update with
    /// no prior deposit shares), s·k = mulWad(s, k). The operator's shares grow by the deposit itself
    /// (DelegationManager._increaseDelegation); <paramref name="startValueGwei"/> is its ETH value now.
    /// </summary>
    public void Deposit(int slot, long slashingFactor, long startValueGwei)
    {
        var c = cohorts[slot];
        if (c.Status != CohortStatus.Waiting) throw new InvalidOperationException($"staker {c.Staker} deposited already");
        c.Factor.Update(0, c.Deposit, slashingFactor);
        c.Scaled = c.Factor.ScaleForQueueWithdrawal(c.Deposit);
        c.StartValue = startValueGwei;
        c.Status = CohortStatus.Active;
    }

    /// <summary>The deposit was refused (FullySlashed): the staker keeps its asset outside.</summary>
    public void Refuse(int slot, long startValueGwei)
    {
        cohorts[slot].StartValue = startValueGwei;
        cohorts[slot].Status = CohortStatus.Refused;
    }

    /// <summary>queueWithdrawals of all its deposit shares: s and s·k leave the pool, k resets to WAD (SlashingLib.reset).</summary>
    public void Withdraw(int slot)
    {
        var c = cohorts[slot];
        if (c.Status != CohortStatus.Active) throw new InvalidOperationException($"staker {c.Staker} has no delegated shares");
        c.Scaled = 0;
        c.Factor.Reset();
        c.Status = CohortStatus.Withdrawing;
    }

    /// <summary>Its withdrawal completed and paid <paramref name="paid"/> shares.</summary>
    public void Complete(int slot, long paid)
    {
        cohorts[slot].Completed = checked(cohorts[slot].Completed + paid);
        cohorts[slot].Status = CohortStatus.Withdrawn;
    }

    /// <summary>
    /// The cohort's position: delegated ⌊s·k × S / Σ s·k⌋ (<paramref name="poolShares"/>, <paramref name="scaledShares"/> of its
    /// pool) plus <paramref name="pending"/> (its withdrawal still in the queue, at the slashing factor now) plus what completed.
    /// </summary>
    public CohortPosition PositionOf(int slot, int asset, long poolShares, Int128 scaledShares, long pending)
    {
        var c = cohorts[slot];
        long delegated = WithdrawableShares.Of(c.Scaled, poolShares, scaledShares);
        return new CohortPosition(c.Staker, asset, c.Deposit, checked(delegated + pending + c.Completed), c.DepositTick, c.StartValue, c.Status);
    }

    /// <summary>Per cohort: status, k, s·k, the ETH value deposited, what completed.</summary>
    public void SaveState(CheckpointWriter writer) =>
        writer.WriteAll(cohorts, c =>
        {
            writer.WriteByte((byte)c.Status);
            c.Factor.SaveState(writer);
            writer.WriteInt128(c.Scaled);
            writer.WriteLong(c.StartValue);
            writer.WriteLong(c.Completed);
        });

    public void RestoreState(CheckpointReader reader)
    {
        CheckpointReader.RequireCount(reader.ReadCount(49), cohorts.Length, "stakers with ticks of their own");
        foreach (var c in cohorts)
        {
            byte status = reader.ReadByte();
            if (!Enum.IsDefined((CohortStatus)status)) throw new CheckpointFormatException($"unknown cohort status {status}");
            c.Status = (CohortStatus)status;
            c.Factor.RestoreState(reader);
            c.Scaled = reader.ReadInt128();
            c.StartValue = reader.ReadLong();
            c.Completed = reader.ReadLong();
            if (c.Scaled < 0 || c.StartValue < 0 || c.Completed < 0 || (c.Scaled > 0) != (c.Status == CohortStatus.Active && c.Deposit > 0))
                throw new CheckpointFormatException($"staker {c.Staker}'s cohort out of range");
        }
    }

    private sealed class Cohort(int staker, int pool, long deposit, int depositTick)
    {
        public int Staker { get; } = staker;
        public int Pool { get; } = pool;
        public long Deposit { get; } = deposit;
        public int DepositTick { get; } = depositTick;
        public DepositScalingFactor Factor { get; } = new();
        public Int128 Scaled { get; set; }
        public long StartValue { get; set; }
        public long Completed { get; set; }
        public CohortStatus Status { get; set; }
    }
}
