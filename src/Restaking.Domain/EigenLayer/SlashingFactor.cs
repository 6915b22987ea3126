using Restaking.Domain.Units;

namespace Restaking.Domain.EigenLayer;

/// <summary>
/// A staker's slashing factor in one strategy (DelegationManager._getSlashingFactor; DelegationManager.md
/// "Slashing Factors and Scaling Shares"): the operator's max magnitude m, times — for beacon chain ETH only — the
/// staker's beacon chain slashing factor l, as mulWad (rounded down). For any other strategy l is WAD.
/// It can round to 0 for a tiny m even when m and l are both non-zero.
/// </summary>
public static class SlashingFactor
{
    public static long Of(long maxMagnitude, long beaconChainSlashingFactor = Wad.One)
    {
        RequireWad(maxMagnitude, nameof(maxMagnitude));
        RequireWad(beaconChainSlashingFactor, nameof(beaconChainSlashingFactor));
        return Wad.Mul(maxMagnitude, beaconChainSlashingFactor, Rounding.Down);
    }

    /// <summary>
    /// <c>EigenPodManager._reduceSlashingFactor</c> (SharesAccounting.md "Handling Beacon Chain Balance Decreases"): a
    /// checkpoint proving the restaked balance fell from <paramref name="prevRestakedBalance"/> by
    /// <paramref name="balanceDecrease"/> scales the beacon chain slashing factor l by (prev − decrease) / prev, rounded down.
    /// </summary>
    public static long ReduceBeaconChain(long beaconChainSlashingFactor, long prevRestakedBalance, long balanceDecrease)
    {
        RequireWad(beaconChainSlashingFactor, nameof(beaconChainSlashingFactor));
        if (prevRestakedBalance <= 0 || balanceDecrease < 0 || balanceDecrease > prevRestakedBalance)
            throw new ArgumentOutOfRangeException(nameof(balanceDecrease), $"decrease {balanceDecrease} of a balance of {prevRestakedBalance}");
        return Wad.MulDiv(beaconChainSlashingFactor, prevRestakedBalance - balanceDecrease, prevRestakedBalance, Rounding.Down);
    }

    internal static void RequireWad(long value, string name)
    {
        if (value < 0 || value > Wad.One) throw new ArgumentOutOfRangeException(name, $"{name} must be in [0, WAD], was {value}");
    }
}
