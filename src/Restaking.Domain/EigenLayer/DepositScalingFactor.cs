using System.Numerics;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Units;

namespace Restaking.Domain.EigenLayer;

/// <summary>
/// A staker's deposit scaling factor k in one strategy (accounting/SharesAccounting.md "Deposits", "Delegation";
/// SlashingLib.update / reset / calcWithdrawable). k starts at 1 (WAD) and is re-solved on every deposit so that the
/// staker's withdrawable shares a = s·k·(l·m) rise by exactly the deposit; it "forgives" slashing that happened
/// before the shares arrived.
/// <para>
/// Unlike the other WAD values k is not a fraction: after delegating to an operator slashed to m it is ≈ 1/m, so it
/// is kept as a <see cref="UInt128"/> (room for k up to ~3.4e20 WAD, i.e. m down to ~3e-21) and products go through
/// <see cref="BigInteger"/>; every division still names its rounding (all down, as <c>mulWad</c> / <c>divWad</c>).
/// </para>
/// </summary>
public sealed class DepositScalingFactor
{
    private static readonly UInt128 WadOne = (ulong)Wad.One;

    private UInt128 stored; // 0 means WAD, as in SlashingLib.scalingFactor

    /// <summary><c>scalingFactor()</c>: the stored value, or WAD when unset/reset.</summary>
    public UInt128 Value => stored == 0 ? WadOne : stored;

    /// <summary>
    /// <c>SlashingLib.update</c>. First shares (<paramref name="prevDepositShares"/> = 0, also on delegation):
    /// k ← divWad(k, slashingFactor). Otherwise
    /// k ← divWad(divWad(calcWithdrawable(prev) + added, prev + added), slashingFactor), i.e.
    /// k_{n+1} = (s_n k_n l_n m_n + d_n) / ((s_n + d_n) l_n m_n). Throws when slashingFactor is 0 (FullySlashed)
    /// or the new factor would be 0 (InvalidDepositScalingFactor).
    /// </summary>
    public void Update(long prevDepositShares, long addedShares, long slashingFactor)
    {
        if (prevDepositShares < 0 || addedShares < 0) throw new ArgumentOutOfRangeException(nameof(addedShares), "share amounts must be non-negative");
        if (slashingFactor == 0) throw new InvalidOperationException("FullySlashed: slashing factor is 0, no new shares can be credited");
        SlashingFactor.RequireWad(slashingFactor, nameof(slashingFactor));
        if (prevDepositShares == 0)
        {
            stored = MulDiv(Value, WadOne, (ulong)slashingFactor);
            return;
        }
        long currentShares = CalcWithdrawable(prevDepositShares, slashingFactor);
        UInt128 perShare = MulDiv((ulong)checked(currentShares + addedShares), WadOne, (ulong)checked(prevDepositShares + addedShares));
        UInt128 next = MulDiv(perShare, WadOne, (ulong)slashingFactor);
        if (next == 0) throw new InvalidOperationException("InvalidDepositScalingFactor: the new deposit scaling factor is 0");
        stored = next;
    }

    /// <summary><c>reset</c>: back to WAD once the staker's deposit shares reach 0 (queued withdrawal, undelegation).</summary>
    public void Reset() => stored = 0;

    /// <summary><c>calcWithdrawable</c>: mulWad(mulWad(depositShares, k), slashingFactor), each rounded down.</summary>
    public long CalcWithdrawable(long depositShares, long slashingFactor) =>
        checked((long)MulDiv((UInt128)ScaleForQueueWithdrawal(depositShares), (ulong)slashingFactor, WadOne));

    /// <summary><c>scaleForQueueWithdrawal</c>: the scaled shares q = mulWad(depositShares, k) a queued withdrawal stores.
    /// An <see cref="Int128"/> (uint256 in the contracts): with k ≈ 1/m for an operator slashed to m = 1e-8, 2,000 ETH of
    /// deposit shares scale to 2e20 gwei, past a long.</summary>
    public Int128 ScaleForQueueWithdrawal(long depositShares)
    {
        if (depositShares < 0) throw new ArgumentOutOfRangeException(nameof(depositShares));
        return checked((Int128)MulDiv((ulong)depositShares, Value, WadOne));
    }

    /// <summary>The stored value (0 = unset) as its upper and lower 64 bits, for a checkpoint.</summary>
    public void SaveState(CheckpointWriter writer)
    {
        writer.WriteLong((long)(ulong)(stored >> 64));
        writer.WriteLong((long)(ulong)stored);
    }

    public void RestoreState(CheckpointReader reader)
    {
        ulong upper = (ulong)reader.ReadLong(), lower = (ulong)reader.ReadLong();
        stored = new UInt128(upper, lower);
    }

    /// <summary>x·y/d rounded down over <see cref="BigInteger"/> (mulDiv with full precision, as OpenZeppelin Math.mulDiv).</summary>
    private static UInt128 MulDiv(UInt128 x, UInt128 y, UInt128 d)
    {
        var q = (BigInteger)x * y / d;
        return checked((UInt128)q);
    }
}
