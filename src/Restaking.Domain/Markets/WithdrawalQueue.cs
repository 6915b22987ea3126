using Restaking.Domain.Units;

namespace Restaking.Domain.Markets;

/// <summary>
/// A token's redemption queue: requests are paid first in, first out at NAV, none before a minimum delay
/// (EigenLayer withdrawals 100,800 blocks ≈ 14 days; Lido's queue ~1–5 days, docs/domain-rules.md) and at most a fixed amount
/// of ETH per tick (what the issuer can unstake). NAV is read when a request is paid, not when it was made, so a
/// slash while it waits reaches it (queued EigenLayer withdrawals stay slashable). Model choice: the head request
/// may be paid in part when the tick's ETH runs out; the rest stays at the head.
/// </summary>
public sealed class WithdrawalQueue
{
    private readonly List<RedemptionRequest> requests = [];

    public WithdrawalQueue(long minDelayTicks, long ethPerTick)
    {
        if (minDelayTicks < 0) throw new ArgumentOutOfRangeException(nameof(minDelayTicks), "delay must be non-negative");
        if (ethPerTick <= 0) throw new ArgumentOutOfRangeException(nameof(ethPerTick), "the queue must pay something per tick");
        MinDelayTicks = minDelayTicks;
        EthPerTick = ethPerTick;
    }

    /// <summary>Ticks a request waits at least before it can be paid.</summary>
    public long MinDelayTicks { get; }

    /// <summary>Most ETH (gwei) paid out in one tick.</summary>
    public long EthPerTick { get; }

    /// <summary>Tokens waiting to be redeemed.</summary>
    public long QueuedTokens { get; private set; }

    public int Count => requests.Count;

    /// <summary>The first tick at which <see cref="Process"/> can pay anything: when the head request's delay has passed
    /// (<see cref="int.MaxValue"/> for an empty queue).</summary>
    public int NextPayableTick => requests.Count == 0 ? int.MaxValue : (int)Math.Min(int.MaxValue, requests[0].TickRequested + MinDelayTicks);

    public RedemptionRequest Request(int position) => requests[position];

    /// <summary>Adds a request for <paramref name="tokens"/> at <paramref name="tick"/>; ticks never go backwards.</summary>
    public void Enqueue(long tokens, long tick)
    {
        if (tokens <= 0) throw new ArgumentOutOfRangeException(nameof(tokens), "a request redeems a positive amount");
        if (requests.Count > 0 && tick < requests[^1].TickRequested)
            throw new ArgumentException("requests join in tick order", nameof(tick));
        requests.Add(new RedemptionRequest(tokens, tick));
        QueuedTokens = checked(QueuedTokens + tokens);
    }

    /// <summary>ETH the whole queue is worth at <paramref name="navWad"/> (gwei, rounded down).</summary>
    public long QueuedEth(long navWad) => Wad.Mul(QueuedTokens, navWad, Rounding.Down);

    /// <summary>
    /// Pays requests in order at <paramref name="navWad"/> during <paramref name="tick"/>: each one whose delay has
    /// passed (requested + delay ≤ tick), until the tick's ETH is spent. ETH paid = tokens × NAV rounded down; a
    /// partial fill redeems ⌊budget / NAV⌋ tokens. Returns tokens redeemed (to burn) and ETH paid.
    /// </summary>
    public RedemptionPayout Process(long tick, long navWad)
    {
        if (navWad < 0) throw new ArgumentOutOfRangeException(nameof(navWad), "NAV must be non-negative");
        long budget = EthPerTick, tokensPaid = 0, ethPaid = 0;
        int done = 0;
        while (done < requests.Count)
        {
            var head = requests[done];
            if (head.TickRequested > tick - MinDelayTicks) break;
            long value = Wad.Mul(head.Tokens, navWad, Rounding.Down);
            if (value <= budget)
            {
                budget -= value;
                tokensPaid += head.Tokens;
                ethPaid += value;
                done++;
                continue;
            }
            long part = Wad.MulDiv(budget, Wad.One, navWad, Rounding.Down);
            if (part > 0)
            {
                long partValue = Wad.Mul(part, navWad, Rounding.Down);
                tokensPaid += part;
                ethPaid += partValue;
                requests[done] = head with { Tokens = head.Tokens - part };
            }
            break;
        }
        requests.RemoveRange(0, done);
        QueuedTokens -= tokensPaid;
        return new RedemptionPayout(tokensPaid, ethPaid);
    }

    /// <summary>
    /// Ticks a request for <paramref name="tokens"/> made now would wait to be paid in full:
    /// max(delay, ⌈(ETH ahead + its own ETH) / ETH per tick⌉). Model choice: it assumes the queue ahead drains at
    /// the full rate from the next tick (no idle ticks while earlier requests sit out their delay) and NAV holds.
    /// </summary>
    public long ExpectedWaitTicks(long navWad, long tokens = 0)
    {
        long eth = checked(QueuedEth(navWad) + Wad.Mul(tokens, navWad, Rounding.Down));
        long drain = eth == 0 ? 0 : Wad.MulDiv(eth, 1, EthPerTick, Rounding.Up);
        return Math.Max(MinDelayTicks, drain);
    }

    /// <summary>Delay, ETH per tick, request count, then (tokens, tick requested) per request in queue order.</summary>
    public long[] Save()
    {
        var state = new long[3 + 2 * requests.Count];
        state[0] = MinDelayTicks;
        state[1] = EthPerTick;
        state[2] = requests.Count;
        for (int i = 0; i < requests.Count; i++)
        {
            state[3 + 2 * i] = requests[i].Tokens;
            state[4 + 2 * i] = requests[i].TickRequested;
        }
        return state;
    }

    public static WithdrawalQueue Restore(long[] state)
    {
        if (state.Length < 3 || state[2] < 0 || state.Length != 3 + 2 * state[2])
            throw new ArgumentException("not a saved withdrawal queue", nameof(state));
        var queue = new WithdrawalQueue(state[0], state[1]);
        for (int i = 0; i < state[2]; i++) queue.Enqueue(state[3 + 2 * i], state[4 + 2 * i]);
        return queue;
    }
}

/// <summary>One redemption waiting in a <see cref="WithdrawalQueue"/>: tokens still to redeem, tick it was made.</summary>
public readonly record struct RedemptionRequest(long Tokens, long TickRequested);

/// <summary>What one tick of a <see cref="WithdrawalQueue"/> paid: tokens redeemed (burned) and ETH paid (gwei).</summary>
public readonly record struct RedemptionPayout(long TokensRedeemed, long EthPaid);
