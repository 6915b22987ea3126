namespace Restaking.Domain.Rewards;

/// <summary>
/// Walks one staker position through a run: periods of accrual on the current principal, and losses (slashing,
/// penalties) between them that lower the principal for every later period. Base staking rewards accrue on the
/// whole principal (native ETH or an LST keeps earning consensus rewards while restaked); each service pays on the
/// stake securing it, attributed pro rata (<see cref="ServiceExposure"/>). <see cref="Close"/> gives the
/// <see cref="StakerYield"/>.
/// </summary>
public sealed class StakerLedger
{
    private readonly long principalStartGwei;
    private readonly RewardRate baseRate;
    private readonly RewardFees baseFees;
    private readonly List<string> serviceOrder = [];
    private readonly Dictionary<string, RewardSplit> byService = new(StringComparer.Ordinal);
    private RewardSplit baseRewards = RewardSplit.Zero;

    /// <param name="principalStartGwei">ETH value of the position at the start of the run.</param>
    /// <param name="baseRate">Base staking APR on the principal (<see cref="RewardRate.Zero"/> for an asset that does not stake).</param>
    /// <param name="baseFees">Cuts of the base rewards: <see cref="RewardFees.None"/> for native ETH, <see cref="RewardFees.LidoStaking"/> for stETH.</param>
    public StakerLedger(long principalStartGwei, RewardRate baseRate, RewardFees baseFees)
    {
        if (principalStartGwei <= 0) throw new ArgumentOutOfRangeException(nameof(principalStartGwei), "a position starts with a principal");
        this.principalStartGwei = principalStartGwei;
        PrincipalGwei = principalStartGwei;
        this.baseRate = baseRate;
        this.baseFees = baseFees;
    }

    /// <summary>The principal now: the start less every loss so far.</summary>
    public long PrincipalGwei { get; private set; }

    public long ElapsedSeconds { get; private set; }

    public long LossesGwei { get; private set; }

    /// <summary>
    /// <paramref name="seconds"/> of accrual on the current principal: base rewards, and for each service the
    /// staker's share of what it pays (the principal is the staker's stake in its operator). Each period's rewards
    /// are split (and rounded) on their own, as a rewards distribution would.
    /// </summary>
    public void Accrue(long seconds, IReadOnlyList<ServiceExposure> services)
    {
        if (seconds < 0) throw new ArgumentOutOfRangeException(nameof(seconds), "time does not run backwards");
        baseRewards = baseRewards.Plus(RewardSplit.Of(baseRate.Accrue(PrincipalGwei, seconds), baseFees));
        foreach (var service in services)
        {
            var split = RewardSplit.Of(service.GrossRewardFor(PrincipalGwei, seconds), service.Fees);
            if (byService.TryGetValue(service.ServiceId, out var sum)) byService[service.ServiceId] = sum.Plus(split);
            else
            {
                serviceOrder.Add(service.ServiceId);
                byService[service.ServiceId] = split;
            }
        }
        ElapsedSeconds = checked(ElapsedSeconds + seconds);
    }

    /// <summary>A slash or a penalty: the principal drops by <paramref name="gwei"/> (at most all of it).</summary>
    public void Lose(long gwei)
    {
        if (gwei < 0 || gwei > PrincipalGwei) throw new ArgumentOutOfRangeException(nameof(gwei), "a loss is 0 … the principal");
        PrincipalGwei -= gwei;
        LossesGwei += gwei;
    }

    /// <summary>The position at the end of the run; services in the order they first accrued.</summary>
    public StakerYield Close() =>
        new(principalStartGwei, PrincipalGwei, ElapsedSeconds, LossesGwei, baseRewards,
            serviceOrder.Select(id => (id, byService[id])).ToList());
}
