namespace Restaking.Domain.EigenLayer;

/// <summary>
/// Where an operator set's slashed shares go (ELIP-006 "Redistributable Slashing"; AllocationManager
/// getRedistributionRecipient, StrategyManager clearBurnOrRedistributableShares). An ordinary set burns them: they are
/// sent to <see cref="DefaultBurnAddress"/>. A redistributing set names a fixed recipient when it is created, and
/// slashed shares are paid to it instead. Redistributing sets cannot hold beacon chain ETH or EIGEN
/// (AllocationManager._addStrategyToOperatorSet).
/// </summary>
public readonly record struct SlashDestination
{
    /// <summary><c>DEFAULT_BURN_ADDRESS</c> (AllocationManagerStorage / StrategyManagerStorage).</summary>
    public const string DefaultBurnAddress = "0x00000000000000000000000000000000000E16E4";

    private SlashDestination(string recipient, bool redistributes)
    {
        Recipient = recipient;
        Redistributes = redistributes;
    }

    public string Recipient { get; }

    public bool Redistributes { get; }

    public static SlashDestination Burn { get; } = new(DefaultBurnAddress, false);

    public static SlashDestination RedistributeTo(string recipient)
    {
        if (string.IsNullOrEmpty(recipient)) throw new ArgumentException("a redistribution recipient is required", nameof(recipient));
        if (!CanRedistributeTo(recipient))
            throw new ArgumentException("the default burn address cannot be a redistribution recipient", nameof(recipient));
        return new SlashDestination(recipient, true);
    }

    /// <summary>Whether a redistributing set may name <paramref name="recipient"/>: anything but the default burn address
    /// (addresses compare case-insensitively). The scenario loader asks this too.</summary>
    public static bool CanRedistributeTo(string recipient) =>
        !string.Equals(recipient, DefaultBurnAddress, StringComparison.OrdinalIgnoreCase);

    /// <summary>An operator set created with <paramref name="redistributionRecipient"/>; none (address(0)) means burn.</summary>
    public static SlashDestination ForOperatorSet(string? redistributionRecipient) =>
        string.IsNullOrEmpty(redistributionRecipient) ? Burn : RedistributeTo(redistributionRecipient);

    public override string ToString() => Redistributes ? $"redistribute to {Recipient}" : "burn";
}
