using Restaking.Domain.Units;

namespace Restaking.Domain.Rewards;

/// <summary>
/// The two cuts a reward passes before it reaches the staker, as WADs: first the operator's commission on the gross
/// reward, then the liquid-token issuer's fee on what is left. Both are scenario parameters; the presets below cite
/// where the usual figures come from.
/// </summary>
public sealed record RewardFees
{
    /// <summary>One basis point as a WAD: 1e18 / 10,000.</summary>
    public const long WadPerBip = Wad.One / 10_000;

    public RewardFees(long operatorCommissionWad, long issuerFeeWad)
    {
        if (operatorCommissionWad is < 0 or > Wad.One) throw new ArgumentOutOfRangeException(nameof(operatorCommissionWad), "a commission is 0 … 100 %");
        if (issuerFeeWad is < 0 or > Wad.One) throw new ArgumentOutOfRangeException(nameof(issuerFeeWad), "a fee is 0 … 100 %");
        OperatorCommissionWad = operatorCommissionWad;
        IssuerFeeWad = issuerFeeWad;
    }

    public long OperatorCommissionWad { get; }
    public long IssuerFeeWad { get; }

    /// <summary>Basis points (EigenLayer's unit for splits, 10,000 = 100 %) as a WAD, exactly.</summary>
    public static long BipsToWad(int bips) =>
        bips is >= 0 and <= 10_000 ? bips * WadPerBip : throw new ArgumentOutOfRangeException(nameof(bips), "bips are 0 … 10,000");

    /// <summary>
    /// EigenLayer's default operator split of AVS rewards: 1,000 bips = 10 %. RewardsCoordinator
    /// <c>defaultOperatorSplitBips</c> (initially documented as "a flat 10% rate … in basis points, this is 1000",
    /// Layr-Labs/eigenlayer-contracts docs/core/RewardsCoordinator.md); since rewards v2 (ELIP-001) an operator may
    /// set 0 … 100 % per AVS, "the default split is 10%" (EigenLayer docs, rewards split).
    /// </summary>
    public const int EigenLayerDefaultOperatorSplitBips = 1_000;

    /// <summary>
    /// Lido's protocol fee: 10 % of staking rewards, split between node operators and the DAO treasury (5 % / 5 % in
    /// the curated module) — help.lido.fi "What fee is applied by Lido", docs.lido.fi protocol fee. Modelled as one
    /// issuer fee; how Lido splits it inside does not change what the staker gets.
    /// </summary>
    public const int LidoProtocolFeeBips = 1_000;

    /// <summary>
    /// An LRT issuer's fee on restaking rewards: Renzo charges 10 % on rewards generated via restaking, split 50/50
    /// between its treasury and its node operators (docs.renzoprotocol.com, ezETH FAQ). Other issuers differ: a
    /// scenario parameter.
    /// </summary>
    public const int RenzoRestakingFeeBips = 1_000;

    /// <summary>No cut at all: a solo staker's own consensus rewards.</summary>
    public static RewardFees None { get; } = new(0, 0);

    /// <summary>AVS rewards to a staker delegating directly: the operator's default 10 %, no issuer.</summary>
    public static RewardFees EigenLayerDefault { get; } = new(BipsToWad(EigenLayerDefaultOperatorSplitBips), 0);

    /// <summary>Consensus rewards of stETH: no EigenLayer operator, Lido's 10 % protocol fee.</summary>
    public static RewardFees LidoStaking { get; } = new(0, BipsToWad(LidoProtocolFeeBips));

    /// <summary>AVS rewards through an LRT: the operator's default 10 %, then the issuer's 10 % of the rest.</summary>
    public static RewardFees RestakedThroughLrt { get; } = new(BipsToWad(EigenLayerDefaultOperatorSplitBips), BipsToWad(RenzoRestakingFeeBips));
}
