using Restaking.Domain.Units;

namespace Restaking.Domain.Symbiotic;

/// <summary>
/// A Symbiotic vault's collateral accounting (src/contracts/vault/Vault.sol, VaultStorage.sol), in gwei.
/// Deposits join the active stake for shares; a withdrawal leaves the active stake at once and waits in
/// <c>withdrawals[currentEpoch + 1]</c>, claimable once that epoch has ended, so 1–2 epochs after the request.
/// Until then it stays slashable: <c>totalStake = activeStake + withdrawals[current] + withdrawals[current + 1]</c>.
/// Time is in seconds (the source's uint48 timestamps) and must not go backwards.
/// </summary>
public sealed class Vault
{
    private readonly CheckpointTrace<long> activeStake = new();
    private readonly CheckpointTrace<long> activeShares = new();
    private readonly Dictionary<string, CheckpointTrace<long>> activeSharesOf = [];
    private readonly Dictionary<long, long> withdrawals = [];
    private readonly Dictionary<long, long> withdrawalShares = [];
    private readonly Dictionary<(long Epoch, string Account), long> withdrawalSharesOf = [];
    private readonly HashSet<(long Epoch, string Account)> isWithdrawalsClaimed = [];

    /// <summary>A vault initialised at <paramref name="epochDurationInit"/> with epochs of <paramref name="epochDuration"/> seconds.</summary>
    public Vault(long epochDurationInit, long epochDuration) => Epochs = new VaultEpochs(epochDurationInit, epochDuration);

    public VaultEpochs Epochs { get; }

    public long EpochDuration => Epochs.EpochDuration;

    /// <summary><c>activeStake()</c>: collateral not queued for withdrawal.</summary>
    public long ActiveStake => activeStake.Latest;

    /// <summary><c>activeStakeAt(t)</c>: the active stake as it stood at <paramref name="timestamp"/> (what delegators read at a capture).</summary>
    public long ActiveStakeAt(long timestamp) => activeStake.UpperLookupRecent(timestamp);

    public long ActiveShares => activeShares.Latest;

    public long ActiveSharesOf(string account) => activeSharesOf.TryGetValue(account, out var t) ? t.Latest : 0;

    /// <summary><c>activeBalanceOf</c>: previewRedeem(activeSharesOf, activeStake, activeShares).</summary>
    public long ActiveBalanceOf(string account) => VaultShares.PreviewRedeem(ActiveSharesOf(account), ActiveStake, ActiveShares);

    /// <summary><c>withdrawals[epoch]</c>: collateral claimable once <paramref name="epoch"/> has ended.</summary>
    public long Withdrawals(long epoch) => withdrawals.GetValueOrDefault(epoch);

    public long WithdrawalShares(long epoch) => withdrawalShares.GetValueOrDefault(epoch);

    /// <summary><c>withdrawalsOf(epoch, account)</c>: previewRedeem of the account's withdrawal shares of that epoch.</summary>
    public long WithdrawalsOf(long epoch, string account) =>
        VaultShares.PreviewRedeem(withdrawalSharesOf.GetValueOrDefault((epoch, account)), Withdrawals(epoch), WithdrawalShares(epoch));

    /// <summary><c>totalStake()</c> = activeStake + withdrawals[current] + withdrawals[current + 1]: everything still slashable.</summary>
    public long TotalStake(long now)
    {
        long epoch = Epochs.CurrentEpoch(now);
        return ActiveStake + Withdrawals(epoch) + Withdrawals(epoch + 1);
    }

    /// <summary>
    /// <c>deposit(onBehalfOf, amount)</c>: mints previewDeposit(amount, activeShares, activeStake) shares (rounded down)
    /// and adds the amount to the active stake. Deposit whitelist and limit are not modelled.
    /// </summary>
    public VaultDeposit Deposit(string onBehalfOf, long amount, long now)
    {
        if (amount <= 0) throw new SymbioticRevertException("InsufficientDeposit");
        long stake = ActiveStake, shares = ActiveShares;
        long minted = VaultShares.PreviewDeposit(amount, shares, stake);
        activeStake.Push(now, checked(stake + amount));
        activeShares.Push(now, shares + minted);
        SharesOf(onBehalfOf).Push(now, ActiveSharesOf(onBehalfOf) + minted);
        return new VaultDeposit(amount, minted);
    }

    /// <summary>
    /// <c>withdraw(claimer, amount)</c> by <paramref name="account"/>, who is also the claimer: burns
    /// previewWithdraw(amount) active shares (rounded up; TooMuchWithdraw if the account has fewer), takes the amount
    /// off the active stake and queues it in withdrawals[currentEpoch + 1] for previewDeposit withdrawal shares
    /// (Vault._withdraw).
    /// </summary>
    public VaultWithdrawal Withdraw(string account, long amount, long now)
    {
        if (amount <= 0) throw new SymbioticRevertException("InsufficientWithdrawal");
        long burned = VaultShares.PreviewWithdraw(amount, ActiveShares, ActiveStake);
        if (burned > ActiveSharesOf(account)) throw new SymbioticRevertException("TooMuchWithdraw");

        SharesOf(account).Push(now, ActiveSharesOf(account) - burned);
        activeShares.Push(now, ActiveShares - burned);
        activeStake.Push(now, ActiveStake - amount);

        long epoch = Epochs.CurrentEpoch(now) + 1;
        long queued = Withdrawals(epoch), queuedShares = WithdrawalShares(epoch);
        long minted = VaultShares.PreviewDeposit(amount, queuedShares, queued);
        withdrawals[epoch] = queued + amount;
        withdrawalShares[epoch] = queuedShares + minted;
        withdrawalSharesOf[(epoch, account)] = withdrawalSharesOf.GetValueOrDefault((epoch, account)) + minted;
        return new VaultWithdrawal(burned, minted, epoch);
    }

    /// <summary>
    /// <c>claim(recipient, epoch)</c> (Vault._claim): only for an epoch that has ended (InvalidEpoch when
    /// epoch ≥ currentEpoch), once (AlreadyClaimed), and not for nothing (InsufficientClaim). Pays
    /// withdrawalsOf(epoch, account), i.e. what is left of the queued amount after slashes.
    /// </summary>
    public long Claim(string account, long epoch, long now)
    {
        if (epoch >= Epochs.CurrentEpoch(now)) throw new SymbioticRevertException("InvalidEpoch");
        if (isWithdrawalsClaimed.Contains((epoch, account))) throw new SymbioticRevertException("AlreadyClaimed");
        long amount = WithdrawalsOf(epoch, account);
        if (amount == 0) throw new SymbioticRevertException("InsufficientClaim");
        isWithdrawalsClaimed.Add((epoch, account));
        return amount;
    }

    /// <summary>
    /// <c>onSlash(amount, captureTimestamp)</c>: an absolute amount, capped at the stake still slashable for that capture
    /// and taken pro rata. The capture must be in the current or the previous epoch (InvalidCaptureEpoch).
    /// <list type="bullet">
    /// <item>Capture in the current epoch: slashable = active + withdrawals[current + 1] (withdrawals[current] were
    /// requested before the capture epoch, so never backed it). activeSlashed = ⌊slashed·active/slashable⌋,
    /// the rest from withdrawals[current + 1].</item>
    /// <item>Capture in the previous epoch: withdrawals[current] also count. activeSlashed and nextWithdrawalsSlashed
    /// are each rounded down, withdrawals[current] take the rest; if that rest exceeds withdrawals[current] (rounding),
    /// the excess goes to withdrawals[current + 1].</item>
    /// </list>
    /// </summary>
    public VaultSlash Slash(long amount, long captureTimestamp, long now)
    {
        if (amount < 0) throw new ArgumentOutOfRangeException(nameof(amount));
        long current = Epochs.CurrentEpoch(now);
        long captureEpoch = Epochs.EpochAt(captureTimestamp);
        if ((current > 0 && captureEpoch < current - 1) || captureEpoch > current)
            throw new SymbioticRevertException("InvalidCaptureEpoch");

        var split = Split(amount, captureEpoch, current, ActiveStake, Withdrawals(current), Withdrawals(current + 1));
        if (split.Slashed > 0)
        {
            activeStake.Push(now, ActiveStake - split.ActiveSlashed);
            withdrawals[current + 1] = Withdrawals(current + 1) - split.NextWithdrawalsSlashed;
            if (captureEpoch != current) withdrawals[current] = Withdrawals(current) - split.WithdrawalsSlashed;
        }
        return split;
    }

    /// <summary>
    /// onSlash's arithmetic alone, on given balances (<see cref="Slash"/> validates the capture and applies the result):
    /// how much of <paramref name="amount"/> comes from the active stake, withdrawals[current] and withdrawals[current + 1].
    /// The engine's shared vaults (<see cref="SymbioticVaultState"/>) call it with their active stake and pending
    /// withdrawals in ETH gwei, capture = current epoch.
    /// </summary>
    public static VaultSlash Split(long amount, long captureEpoch, long currentEpoch, long active, long withdrawals, long nextWithdrawals)
    {
        if (amount < 0) throw new ArgumentOutOfRangeException(nameof(amount));
        long next = nextWithdrawals, pending = withdrawals;
        if (captureEpoch == currentEpoch)
        {
            long slashable = active + next;
            long slashed = Math.Min(amount, slashable);
            long activeSlashed = 0, nextSlashed = 0;
            if (slashed > 0)
            {
                activeSlashed = Wad.MulDiv(slashed, active, slashable, Rounding.Down);
                nextSlashed = slashed - activeSlashed;
            }
            return new VaultSlash(amount, captureEpoch, currentEpoch, slashable, activeSlashed, 0, nextSlashed);
        }
        else
        {
            long slashable = active + pending + next;
            long slashed = Math.Min(amount, slashable);
            long activeSlashed = 0, nextSlashed = 0, pendingSlashed = 0;
            if (slashed > 0)
            {
                activeSlashed = Wad.MulDiv(slashed, active, slashable, Rounding.Down);
                nextSlashed = Wad.MulDiv(slashed, next, slashable, Rounding.Down);
                pendingSlashed = slashed - activeSlashed - nextSlashed;
                if (pending < pendingSlashed)
                {
                    nextSlashed += pendingSlashed - pending;
                    pendingSlashed = pending;
                }
            }
            return new VaultSlash(amount, captureEpoch, currentEpoch, slashable, activeSlashed, pendingSlashed, nextSlashed);
        }
    }

    private CheckpointTrace<long> SharesOf(string account)
    {
        if (!activeSharesOf.TryGetValue(account, out var trace))
            activeSharesOf[account] = trace = new CheckpointTrace<long>();
        return trace;
    }
}

/// <summary>Result of <see cref="Vault.Deposit"/>: the amount that joined the active stake and the shares minted for it.</summary>
public readonly record struct VaultDeposit(long DepositedAmount, long MintedShares);

/// <summary>Result of <see cref="Vault.Withdraw"/>: active shares burned, withdrawal shares minted, and the epoch
/// (current + 1) whose end makes the amount claimable.</summary>
public readonly record struct VaultWithdrawal(long BurnedShares, long MintedShares, long Epoch);
