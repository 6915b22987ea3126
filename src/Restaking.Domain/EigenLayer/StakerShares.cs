using Restaking.Domain.Units;

namespace Restaking.Domain.EigenLayer;

/// <summary>
/// One staker's position in one strategy (accounting/SharesAccounting.md "Stored Variables"): deposit shares s
/// (StrategyManager / EigenPodManager), deposit scaling factor k (DelegationManager), and — for beacon chain ETH —
/// the beacon chain slashing factor l (EigenPodManager). The operator's max magnitude m is passed in by the caller
/// (WAD while undelegated). Withdrawable shares a = s·k·l·m are never stored; they are computed on demand,
/// rounding down (SlashingLib.calcWithdrawable), so Σ stakers' a ≤ the operator's shares.
/// </summary>
public sealed class StakerShares(bool beaconChainEth = false)
{
    /// <summary>Whether this is the <c>beaconChainETHStrategy</c> (native ETH in an EigenPod); only then does l apply.</summary>
    public bool BeaconChainEth { get; } = beaconChainEth;

    /// <summary>s: deposit shares.</summary>
    public long DepositShares { get; private set; }

    /// <summary>k: deposit scaling factor.</summary>
    public DepositScalingFactor DepositScalingFactor { get; } = new();

    /// <summary>l: the beacon chain slashing factor, WAD until the pod proves a balance decrease; always WAD otherwise.</summary>
    public long BeaconChainSlashingFactor { get; private set; } = Wad.One;

    /// <summary>The staker's slashing factor under an operator with <paramref name="maxMagnitude"/>: mulWad(m, l).</summary>
    public long SlashingFactorUnder(long maxMagnitude) => SlashingFactor.Of(maxMagnitude, BeaconChainSlashingFactor);

    /// <summary><c>getWithdrawableShares</c>: a = mulWad(mulWad(s, k), mulWad(m, l)), rounded down.</summary>
    public long Withdrawable(long maxMagnitude) => DepositScalingFactor.CalcWithdrawable(DepositShares, SlashingFactorUnder(maxMagnitude));

    /// <summary>
    /// A deposit of <paramref name="addedShares"/> (or a withdrawal completed as shares) under an operator with
    /// <paramref name="maxMagnitude"/> (DelegationManager._increaseDelegation): k is re-solved (SlashingLib.update) so that
    /// a grows by the deposit, then s grows by it. Returns the shares added to the operator (exactly the deposit).
    /// Throws FullySlashed when the slashing factor is 0.
    /// </summary>
    public long Deposit(long addedShares, long maxMagnitude)
    {
        if (addedShares < 0) throw new ArgumentOutOfRangeException(nameof(addedShares));
        long slashingFactor = SlashingFactorUnder(maxMagnitude);
        if (slashingFactor == 0) throw new InvalidOperationException("FullySlashed: slashing factor is 0, no new shares can be credited");
        if (addedShares == 0) return 0;
        DepositScalingFactor.Update(DepositShares, addedShares, slashingFactor);
        DepositShares = checked(DepositShares + addedShares);
        return addedShares;
    }

    /// <summary>
    /// <c>delegateTo</c> an operator with <paramref name="operatorMaxMagnitude"/> (SharesAccounting.md "Delegation";
    /// DelegationManager._delegate): the operator receives the staker's shares — s, or for beacon chain ETH
    /// calcWithdrawable(s, l) — and k ← k / m so that a does not change (the operator's past slashing is forgiven).
    /// Returns the shares added to the operator.
    /// </summary>
    public long Delegate(long operatorMaxMagnitude)
    {
        SlashingFactor.RequireWad(operatorMaxMagnitude, nameof(operatorMaxMagnitude));
        if (operatorMaxMagnitude == 0) throw new InvalidOperationException("FullySlashed: cannot delegate to an operator with max magnitude 0");
        long delegated = BeaconChainEth ? DepositScalingFactor.CalcWithdrawable(DepositShares, BeaconChainSlashingFactor) : DepositShares;
        if (delegated == 0) return 0;
        DepositScalingFactor.Update(0, delegated, operatorMaxMagnitude);
        return delegated;
    }

    /// <summary>
    /// <c>queueWithdrawals</c> of <paramref name="depositSharesToWithdraw"/> x ≤ s at <paramref name="block"/>
    /// (SharesAccounting.md "Queue Withdrawal"; DelegationManager._removeSharesAndQueueWithdrawal): the operator loses
    /// w = calcWithdrawable(x) now, the withdrawal stores scaled shares q = mulWad(x, k), s falls by x, and k resets
    /// to WAD once s is 0.
    /// </summary>
    public QueuedWithdrawal QueueWithdrawal(long depositSharesToWithdraw, long maxMagnitude, long block)
    {
        if (depositSharesToWithdraw <= 0 || depositSharesToWithdraw > DepositShares)
            throw new ArgumentOutOfRangeException(nameof(depositSharesToWithdraw), $"can withdraw 1..{DepositShares} deposit shares, asked {depositSharesToWithdraw}");
        long withdrawable = DepositScalingFactor.CalcWithdrawable(depositSharesToWithdraw, SlashingFactorUnder(maxMagnitude));
        Int128 scaled = DepositScalingFactor.ScaleForQueueWithdrawal(depositSharesToWithdraw);
        DepositShares -= depositSharesToWithdraw;
        if (DepositShares == 0) DepositScalingFactor.Reset();
        return new QueuedWithdrawal(block, scaled, withdrawable);
    }

    /// <summary>
    /// An EigenPod checkpoint proving the restaked balance fell from <paramref name="prevRestakedBalance"/> by
    /// <paramref name="balanceDecrease"/> (SharesAccounting.md "Handling Beacon Chain Balance Decreases";
    /// EigenPodManager._reduceSlashingFactor, DelegationManager.decreaseDelegatedShares): s and k stay,
    /// l ← mulDiv(l, prev − decrease, prev) rounded down, and the operator loses calcWithdrawable(s, mulWad(m, Δl)).
    /// Returns those operator shares.
    /// </summary>
    public long DecreaseBeaconChainBalance(long prevRestakedBalance, long balanceDecrease, long maxMagnitude)
    {
        if (!BeaconChainEth) throw new InvalidOperationException("only beacon chain ETH has a beacon chain slashing factor");
        long prev = BeaconChainSlashingFactor;
        BeaconChainSlashingFactor = SlashingFactor.ReduceBeaconChain(prev, prevRestakedBalance, balanceDecrease);
        long decrease = prev - BeaconChainSlashingFactor;
        return DepositScalingFactor.CalcWithdrawable(DepositShares, SlashingFactor.Of(maxMagnitude, decrease));
    }
}
