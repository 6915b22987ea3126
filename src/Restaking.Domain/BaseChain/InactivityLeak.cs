using Restaking.Domain.Markets;

namespace Restaking.Domain.BaseChain;

/// <summary>What an offline validator loses over epochs without finality, epoch by epoch.</summary>
public sealed record InactivityLoss(long BalanceGwei, long EffectiveBalanceGwei, long InactivityScore, long InactivityPenaltyGwei, long AttestationPenaltyGwei)
{
    public long TotalPenaltyGwei => InactivityPenaltyGwei + AttestationPenaltyGwei;
}

/// <summary>
/// The inactivity leak of the consensus specs (ethereum/consensus-specs, Altair <c>process_inactivity_updates</c> and
/// <c>get_inactivity_penalty_deltas</c> with Bellatrix's <c>INACTIVITY_PENALTY_QUOTIENT_BELLATRIX</c>; Altair
/// <c>get_flag_index_deltas</c>; Electra <c>process_effective_balance_updates</c>; docs/models/base-chain.md "Inactivity
/// leak"), for one validator that misses every attestation while the chain does not finalize. Each epoch, in the spec's
/// order: its inactivity score rises by INACTIVITY_SCORE_BIAS (no recovery during a leak); it pays the missed source and
/// target penalties (base_reward × weight // WEIGHT_DENOMINATOR; head has none) and the inactivity penalty
/// effective_balance × score // (INACTIVITY_SCORE_BIAS × INACTIVITY_PENALTY_QUOTIENT_BELLATRIX); then its effective
/// balance follows its balance down with the hysteresis. Integer arithmetic, floors as in the spec. Not yet a scenario fault.
/// </summary>
public static class InactivityLeak
{
    public const long InactivityScoreBias = 4;                          // INACTIVITY_SCORE_BIAS
    public const long InactivityPenaltyQuotientBellatrix = 1L << 24;    // INACTIVITY_PENALTY_QUOTIENT_BELLATRIX = 2**24
    public const long BaseRewardFactor = 64;                            // BASE_REWARD_FACTOR
    public const long TimelySourceWeight = 14;                          // TIMELY_SOURCE_WEIGHT
    public const long TimelyTargetWeight = 26;                          // TIMELY_TARGET_WEIGHT
    public const long HysteresisQuotient = 4;                           // HYSTERESIS_QUOTIENT
    public const long HysteresisDownwardMultiplier = 1;                 // HYSTERESIS_DOWNWARD_MULTIPLIER
    public const long HysteresisUpwardMultiplier = 5;                   // HYSTERESIS_UPWARD_MULTIPLIER

    /// <summary>base_reward_per_increment = EFFECTIVE_BALANCE_INCREMENT × BASE_REWARD_FACTOR // integer_squareroot(total active balance).</summary>
    public static long BaseRewardPerIncrement(long totalActiveBalanceGwei)
    {
        if (totalActiveBalanceGwei < ElectraSlashing.EffectiveBalanceIncrement) throw new ArgumentOutOfRangeException(nameof(totalActiveBalanceGwei));
        return ElectraSlashing.EffectiveBalanceIncrement * BaseRewardFactor / (long)IntegerRoot.FloorSqrt(totalActiveBalanceGwei);
    }

    /// <summary>
    /// <paramref name="epochs"/> epochs offline in a leak, from <paramref name="balanceGwei"/> with effective balance
    /// <paramref name="effectiveBalanceGwei"/> and inactivity score <paramref name="startScore"/> (0 for a validator that was
    /// online until the leak). The network's total active balance is held fixed (a choice: the leak's point is that offline
    /// stake shrinks until the online ⅔ finalize again, which this one validator does not decide).
    /// </summary>
    public static InactivityLoss Offline(long balanceGwei, long effectiveBalanceGwei, long totalActiveBalanceGwei, int epochs,
        long maxEffectiveBalanceGwei = ElectraSlashing.ClassicEffectiveBalance, long startScore = 0)
    {
        if (epochs < 0) throw new ArgumentOutOfRangeException(nameof(epochs));
        long perIncrement = BaseRewardPerIncrement(totalActiveBalanceGwei);
        long balance = balanceGwei, effective = effectiveBalanceGwei, score = startScore, inactivity = 0, attestation = 0;
        const long increment = ElectraSlashing.EffectiveBalanceIncrement;
        const long hysteresis = increment / HysteresisQuotient;
        for (int e = 0; e < epochs; e++)
        {
            score = checked(score + InactivityScoreBias);                                   // process_inactivity_updates
            long baseReward = effective / increment * perIncrement;
            long missed = baseReward * TimelySourceWeight / ElectraSlashing.WeightDenominator
                        + baseReward * TimelyTargetWeight / ElectraSlashing.WeightDenominator;
            long leak = (long)((Int128)effective * score / (InactivityScoreBias * InactivityPenaltyQuotientBellatrix));
            long paid = Math.Min(balance, missed + leak);                                     // decrease_balance floors at 0
            attestation += Math.Min(paid, missed);
            inactivity += paid - Math.Min(paid, missed);
            balance -= paid;
            if (balance + hysteresis * HysteresisDownwardMultiplier < effective || effective + hysteresis * HysteresisUpwardMultiplier < balance)
                effective = Math.Min(balance - balance % increment, maxEffectiveBalanceGwei);    // process_effective_balance_updates
        }
        return new InactivityLoss(balance, effective, score, inactivity, attestation);
    }
}
