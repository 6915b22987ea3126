namespace Restaking.Domain.BaseChain;

/// <summary>
/// Consensus-layer slashing penalties after Electra (ethereum/consensus-specs, specs/electra/beacon-chain.md:
/// <c>slash_validator</c> and <c>process_slashings</c>). All amounts are gwei, all divisions floor, as in the spec.
/// </summary>
public static class ElectraSlashing
{
    public const long EffectiveBalanceIncrement = 1_000_000_000L;          // EFFECTIVE_BALANCE_INCREMENT, 1 ETH
    public const long MinSlashingPenaltyQuotient = 4096;                   // MIN_SLASHING_PENALTY_QUOTIENT_ELECTRA
    public const long WhistleblowerRewardQuotient = 4096;                  // WHISTLEBLOWER_REWARD_QUOTIENT_ELECTRA
    public const long ProportionalSlashingMultiplier = 3;                  // PROPORTIONAL_SLASHING_MULTIPLIER_BELLATRIX
    public const int EpochsPerSlashingsVector = 8192;                      // EPOCHS_PER_SLASHINGS_VECTOR
    public const long MaxEffectiveBalance = 2048 * EffectiveBalanceIncrement; // MAX_EFFECTIVE_BALANCE_ELECTRA
    public const long ClassicEffectiveBalance = 32 * EffectiveBalanceIncrement;
    public const int SecondsPerEpoch = 32 * 12;                            // SLOTS_PER_EPOCH × SECONDS_PER_SLOT

    /// <summary>Taken at once when the validator is slashed: effective_balance // 4096.</summary>
    public static long InitialPenalty(long effectiveBalance) => effectiveBalance / MinSlashingPenaltyQuotient;

    public const long ProposerWeight = 8;                                  // PROPOSER_WEIGHT (Altair)
    public const long WeightDenominator = 64;                              // WEIGHT_DENOMINATOR (Altair)

    /// <summary>Paid (newly issued) to the whistleblower and proposer: effective_balance // 4096.</summary>
    public static long WhistleblowerReward(long effectiveBalance) => effectiveBalance / WhistleblowerRewardQuotient;

    /// <summary>The block proposer's part of it: whistleblower_reward × PROPOSER_WEIGHT // WEIGHT_DENOMINATOR; the whistleblower
    /// gets the rest (slash_validator gives the proposer both parts when no separate whistleblower is named).</summary>
    public static long ProposerReward(long effectiveBalance) => WhistleblowerReward(effectiveBalance) * ProposerWeight / WeightDenominator;

    /// <summary>
    /// The correlation penalty applied at the midpoint of the withdrawability delay (slashing epoch + 4096):
    /// adj = min(Σslashings × 3, total); per_increment = adj // (total // increment); penalty = per_increment × (EB // increment).
    /// </summary>
    /// <param name="slashingsInWindow">Σ of the slashings vector: effective balance slashed in the last 8192 epochs.</param>
    /// <param name="totalActiveBalance">The network's total active balance.</param>
    /// <param name="effectiveBalance">The slashed validator's effective balance.</param>
    public static long CorrelationPenalty(long slashingsInWindow, long totalActiveBalance, long effectiveBalance)
    {
        if (totalActiveBalance < EffectiveBalanceIncrement) throw new ArgumentOutOfRangeException(nameof(totalActiveBalance));
        long adjusted = Math.Min(checked(slashingsInWindow * ProportionalSlashingMultiplier), totalActiveBalance);
        long perIncrement = adjusted / (totalActiveBalance / EffectiveBalanceIncrement);
        return checked(perIncrement * (effectiveBalance / EffectiveBalanceIncrement));
    }

    /// <summary>The correlation penalty falls due 4096 epochs (~18.2 days) after the slashing.</summary>
    public const int CorrelationPenaltyDelayEpochs = EpochsPerSlashingsVector / 2;
}
