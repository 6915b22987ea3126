namespace Restaking.Domain.EigenLayer;

/// <summary>
/// Running totals of slashed shares by where they went (ELIP-006; DelegationManager.slashOperatorShares →
/// increaseBurnOrRedistributableShares). Shares of ordinary sets are burned; those of redistributing sets go to the
/// set's recipient. Native ETH has no burn mechanism yet: EigenPodManager only counts <c>burnableETHShares</c> and the
/// ETH stays locked in the EigenPods (DelegationManager.md "slashOperatorShares"), so it is tallied apart.
/// </summary>
public sealed class SlashedFunds
{
    private readonly Dictionary<string, long> redistributed = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Shares sent to the default burn address.</summary>
    public long Burned { get; private set; }

    /// <summary>Slashed beacon chain ETH shares: gone from stakers and operators, but the ETH itself stays in the pods.</summary>
    public long LockedInEigenPods { get; private set; }

    public long TotalRedistributed => redistributed.Values.Sum();

    public long Total => Burned + LockedInEigenPods + TotalRedistributed;

    public long RedistributedTo(string recipient) => redistributed.GetValueOrDefault(recipient);

    /// <summary>
    /// Records <paramref name="shares"/> slashed from a set with <paramref name="destination"/>. Beacon chain ETH cannot be
    /// in a redistributing set (InvalidStrategy), so that combination throws.
    /// </summary>
    public void Record(SlashDestination destination, long shares, bool beaconChainEth = false)
    {
        if (shares < 0) throw new ArgumentOutOfRangeException(nameof(shares));
        if (beaconChainEth && destination.Redistributes)
            throw new InvalidOperationException("InvalidStrategy: redistributing operator sets cannot hold beacon chain ETH");
        if (beaconChainEth) LockedInEigenPods = checked(LockedInEigenPods + shares);
        else if (!destination.Redistributes) Burned = checked(Burned + shares);
        else redistributed[destination.Recipient] = checked(RedistributedTo(destination.Recipient) + shares);
    }
}
