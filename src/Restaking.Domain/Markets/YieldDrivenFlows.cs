using System.Numerics;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Markets;

/// <summary>
/// Deposits and exits driven by yield, for a token with a market (our model, docs/models/tokens-and-lending.md, "Markets and lending"). Each market
/// tick, holders compare the token's yield with plain staking's (the run's base APR) and move by <see cref="YieldFlows"/>:
/// <code>
///   token yield = promised APR + the NAV's change over the trailing window, annualized
///   net flow    = YieldFlows.NetFlowTokens(supply, token yield, base APR)    (+ deposits, − exits)
/// </code>
/// So an LRT whose NAV is flat draws deposits while it promises more than staking, and one whose NAV just fell loses
/// holders — who leave through the exit-wave path (queue or pool), which is how a slash becomes selling pressure.
/// The NAV term is clamped to ±900 % a year: past that every flow is at the per-tick cap anyway, and it keeps the figure in a long.
/// </summary>
public sealed class YieldDrivenFlows
{
    /// <summary>±900 %: where the annualized NAV change is clamped.</summary>
    public const long NavYieldClampWad = 9 * Wad.One;

    private readonly YieldFlows flows;
    private readonly long promisedAprWad;
    private readonly long benchmarkAprWad;
    private readonly long tickSeconds;
    private readonly long[] navs;
    private int recorded;

    public YieldDrivenFlows(YieldFlowSpec spec, long benchmarkAprWad, long tickSeconds)
    {
        if (spec.WindowTicks < 1) throw new ArgumentOutOfRangeException(nameof(spec), "the trailing window is at least one tick");
        if (tickSeconds <= 0) throw new ArgumentOutOfRangeException(nameof(tickSeconds), "a tick lasts some time");
        flows = new YieldFlows(spec.SensitivityWad, spec.MaxFlowPerTickWad);
        promisedAprWad = spec.PromisedAprWad;
        this.benchmarkAprWad = benchmarkAprWad;
        this.tickSeconds = tickSeconds;
        navs = new long[spec.WindowTicks];
    }

    /// <summary>
    /// One tick: the token's yield at NAV <paramref name="navWad"/> against the NAV <see cref="YieldFlowSpec.WindowTicks"/>
    /// ticks ago (or the oldest seen), and the signed tokens that join (+) or leave (−). Remembers this tick's NAV.
    /// </summary>
    public (long TokenYieldWad, long NetTokens) Step(long navWad, long supplyGwei)
    {
        long yield = TokenYieldWad(navWad);
        Remember(navWad);
        return (yield, flows.NetFlowTokens(supplyGwei, yield, benchmarkAprWad));
    }

    public long BenchmarkAprWad => benchmarkAprWad;

    private long TokenYieldWad(long navWad)
    {
        if (recorded == 0) return promisedAprWad;
        int back = Math.Min(recorded, navs.Length);
        long then = navs[(recorded - back) % navs.Length];
        if (then <= 0) return promisedAprWad;
        // (now − then) / then × year / (back × tick seconds), rounded toward zero, clamped.
        var annualized = (BigInteger)(navWad - then) * Wad.One * Rewards.Accrual.SecondsPerYear / ((BigInteger)then * back * tickSeconds);
        long nav = (long)BigInteger.Clamp(annualized, -NavYieldClampWad, NavYieldClampWad);
        return checked(promisedAprWad + nav);
    }

    private void Remember(long navWad)
    {
        navs[recorded % navs.Length] = navWad;
        recorded++;
    }

    /// <summary>NAVs remembered and how many ticks were seen.</summary>
    public long[] Save() => [recorded, .. navs];

    public void Restore(long[] saved)
    {
        if (saved.Length != navs.Length + 1 || saved[0] < 0 || saved[0] > int.MaxValue)
            throw new Checkpoints.CheckpointFormatException($"yield-flow history of {saved.Length - 1} NAVs, the market keeps {navs.Length}");
        recorded = (int)saved[0];
        Array.Copy(saved, 1, navs, 0, navs.Length);
    }
}
