using Restaking.Domain.Checkpoints;

namespace Restaking.Domain.Rewards;

/// <summary>
/// The gross rewards an operator's delegation earns during a run, per (operator, asset) pool — the unit every staker's
/// share is taken from, pro rata by deposit shares, as EigenLayer weighs stakers by their shares in the operator.
/// <list type="bullet">
/// <item>Base staking: the base APR on the pool's value (native ETH validators and LSTs keep earning consensus rewards
/// while restaked).</item>
/// <item>Each service pays its APR on the stake securing it (<see cref="ServiceExposure"/>), and the pool gets its value's
/// share of that.</item>
/// </list>
/// Accrual is piecewise constant and lazy: the owner calls <see cref="AccrueTo"/> before anything changes its stake (and
/// once at the end of the run), so ticks [from, to) earn at the figures they really had — no entity is woken each tick.
/// Amounts are gross: fees are taken per holder when the summary is written (an operator's commission, an issuer's fee).
/// </summary>
public sealed class OperatorRewardAccrual
{
    private readonly long baseAprWad;
    private readonly RewardRate[] serviceRates;
    private readonly int tickSeconds;

    /// <param name="baseAprWad">Base staking APR.</param>
    /// <param name="serviceAprWads">Per service the operator secures (its slots, in order): the APR the service pays.</param>
    /// <param name="poolCount">Pools of the operator.</param>
    /// <param name="tickSeconds">Length of a tick.</param>
    public OperatorRewardAccrual(long baseAprWad, IReadOnlyList<long> serviceAprWads, int poolCount, int tickSeconds)
    {
        if (tickSeconds <= 0) throw new ArgumentOutOfRangeException(nameof(tickSeconds), "a tick lasts some time");
        this.baseAprWad = new RewardRate(baseAprWad).AprWad;
        serviceRates = serviceAprWads.Select(a => new RewardRate(a)).ToArray();
        this.tickSeconds = tickSeconds;
        BaseGwei = new long[poolCount];
        ServiceGwei = new long[poolCount];
        PaidByServiceGwei = new long[serviceRates.Length];
    }

    /// <summary>The tick rewards have been accrued up to (exclusive).</summary>
    public int AccruedToTick { get; private set; }

    /// <summary>Per pool: base staking rewards so far (gross).</summary>
    public long[] BaseGwei { get; }

    /// <summary>Per pool: service rewards so far (gross, before the operator's commission).</summary>
    public long[] ServiceGwei { get; }

    /// <summary>Per service slot: what the service paid this operator's pools so far (Σ over pools).</summary>
    public long[] PaidByServiceGwei { get; }

    /// <summary>
    /// Accrues ticks [<see cref="AccruedToTick"/>, <paramref name="tick"/>) at the given figures (nothing when
    /// <paramref name="tick"/> is not later, so a later round of the same tick costs nothing). <paramref name="poolValueGwei"/>
    /// gives each pool's ETH value, <paramref name="operatorValueGwei"/> is their sum, <paramref name="securingGwei"/> gives the
    /// stake securing each service slot.
    /// </summary>
    public void AccrueTo(int tick, Func<int, long> poolValueGwei, long operatorValueGwei, Func<int, long> securingGwei)
    {
        if (tick <= AccruedToTick) return;
        long seconds = checked((long)(tick - AccruedToTick) * tickSeconds);
        AccruedToTick = tick;
        if (operatorValueGwei <= 0) return;
        for (int i = 0; i < BaseGwei.Length; i++)
            BaseGwei[i] = checked(BaseGwei[i] + Accrual.Simple(poolValueGwei(i), baseAprWad, seconds));
        for (int slot = 0; slot < serviceRates.Length; slot++)
        {
            if (serviceRates[slot].AprWad == 0) continue;
            var exposure = new ServiceExposure("", serviceRates[slot], securingGwei(slot), operatorValueGwei, RewardFees.None);
            for (int i = 0; i < ServiceGwei.Length; i++)
            {
                long reward = exposure.GrossRewardFor(poolValueGwei(i), seconds);
                ServiceGwei[i] = checked(ServiceGwei[i] + reward);
                PaidByServiceGwei[slot] = checked(PaidByServiceGwei[slot] + reward);
            }
        }
    }

    public void SaveState(CheckpointWriter writer)
    {
        writer.WriteInt(AccruedToTick);
        writer.WriteLongs(BaseGwei);
        writer.WriteLongs(ServiceGwei);
        writer.WriteLongs(PaidByServiceGwei);
    }

    public void RestoreState(CheckpointReader reader, string owner)
    {
        AccruedToTick = reader.ReadInt();
        reader.ReadInto(BaseGwei, $"base rewards at {owner}");
        reader.ReadInto(ServiceGwei, $"service rewards at {owner}");
        reader.ReadInto(PaidByServiceGwei, $"rewards by service at {owner}");
    }
}
