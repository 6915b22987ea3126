using System.Numerics;
using System.Text.Json;
using Restaking.Domain.Operators;
using Restaking.Domain.Rewards;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Engine;

/// <summary>
/// The "is the extra yield worth it?" block of summary.json. Every staker's position is valued in ETH at the start
/// (its asset's price at tick 0) and at the end (what it can withdraw × the asset's final price), with its share of its
/// pool's rewards beside it (pro rata by deposit shares) net of fees: base rewards less an LST issuer's fee, service
/// rewards less the operator's commission. From that:
/// <list type="bullet">
/// <item><c>runReturn</c>: gain / start over the run (<see cref="StakerYield.RealizedReturnWad"/>), and its annualized
/// <c>realizedApy</c> (× year / run length, floored at −100 %, <see cref="StakerYield.FloorAtTotalLoss"/>): mean and
/// nearest-rank quantiles, per staker and by principal.</item>
/// <item><c>worseThanNotRestaking</c>: the share whose restaking — slashing losses against service rewards — cost more
/// than it paid: holding the same asset unrestaked would have earned the same base rewards and kept every unit.</item>
/// <item><c>lostMoney</c>: the share that ended with less ETH value than it started with, rewards included.</item>
/// </list>
/// Liquid restaking tokens get the same figures at NAV for their holders, after the operator's commission and the
/// issuer's fee (the issuer is the EigenLayer staker of an LRT).
/// <para>A listed staker that deposits during the run starts at its deposit's value at the deposit tick's price, earns its
/// cohort's rewards (which accrue only from its deposit on, <see cref="StakerCohorts"/>) and annualizes over its own time
/// since; then every <c>realizedApy</c> figure is taken over each staker's own annualized return (<see cref="AnnualizedYields"/>).
/// A staker whose deposit never reached its operator (refused, or past the run's end) has no position and is left out.</para>
/// </summary>
public static class RewardsReport
{
    public static void Write(Utf8JsonWriter w, WorldSpec spec, FinalState world)
    {
        var scenario = spec.Scenario;
        var terms = scenario.Rewards;
        long elapsed = (long)scenario.Ticks.Count * scenario.Ticks.Seconds;
        var startPrice = Enumerable.Range(0, spec.AssetCount).Select(spec.InitialPriceWad).ToArray();
        var endPrice = Enumerable.Range(0, spec.AssetCount).Select(a => a == WorldSpec.EthAsset ? Wad.One : world.Tokens[a - 1].PriceWad).ToArray();
        var baseFees = Enumerable.Range(0, spec.AssetCount)
            .Select(a => a == WorldSpec.EthAsset ? RewardFees.None : new RewardFees(0, RewardSpec.IssuerFeeOf(spec.Tokens[a - 1]))).ToArray();
        var holdings = new PoolHoldings(world, startPrice, endPrice);

        w.WriteStartObject("rewards");
        w.WriteString("baseApr", Wad.ToDecimalString(terms.BaseAprWad));
        w.WriteString("serviceApr", Wad.ToDecimalString(terms.ServiceAprWad));
        w.WriteString("operatorCommission", Wad.ToDecimalString(terms.OperatorCommissionWad));
        w.WriteNumber("elapsedSeconds", elapsed);
        w.WriteNumber("servicesPaying", spec.Services.Count(s => terms.AprOf(s) > 0));
        w.WriteStartObject("grossGwei");
        w.WriteNumber("base", world.Operators.Sum(o => o.BaseRewardsGwei.Sum()));
        w.WriteNumber("services", world.Operators.Sum(o => o.ServiceRewardsGwei.Sum()));
        w.WriteEndObject();

        var book = spec.Stakers;
        var commission = spec.Operators.Select(o => new RewardFees(terms.CommissionOf(o), 0)).ToArray();
        var returns = new List<StakerApy>(book.Count);
        var excess = new List<StakerApy>(book.Count);
        var cohorts = world.CohortsByStaker();
        // Only when some staker held for less than the run do the APYs need annualizing one by one.
        var annualized = cohorts.Values.Any(c => world.Operators[c.Operator].StakerCohorts[c.Slot] is { DepositTick: > 0, Deposited: true })
            ? new List<(long, Int128)>(book.Count) : null;
        for (int i = 0; i < book.Count; i++)
        {
            Holding h;
            long held = elapsed;
            if (book.HasOwnTicks(i))
            {
                var (v, slot) = cohorts[i];
                var cohort = world.Operators[v].StakerCohorts[slot];
                if (!cohort.Deposited) continue;   // nothing restaked
                h = holdings.OfCohort(v, slot);
                held = (long)(scenario.Ticks.Count - cohort.DepositTick) * scenario.Ticks.Seconds;
            }
            else h = holdings.Of(book.Operator[i], book.Asset[i], book.Amount[i]);
            if (h.StartGwei <= 0) continue;   // a position worth nothing at the start has no return
            long services = RewardSplit.StakerPartOf(h.ServiceGrossGwei, commission[book.Operator[i]]);
            long net = RewardSplit.StakerPartOf(h.BaseGrossGwei, baseFees[book.Asset[i]]) + services;
            long runReturn = StakerYield.RealizedReturn(h.StartGwei, StakerYield.Gain(h.StartGwei, h.EndGwei, net));
            returns.Add(new StakerApy(h.StartGwei, runReturn));
            annualized?.Add((h.StartGwei, StakerYield.AnnualizedWad(runReturn, held)));
            // Against holding the same asset unrestaked: same base rewards, no slashing, no service rewards.
            excess.Add(new StakerApy(h.StartGwei, StakerYield.RealizedReturn(h.StartGwei, h.EndGwei - h.UnrestakedEndGwei + services)));
        }
        // A short run's simple annualization can pass −100 % for some stakers; those read −100 % (StakerYield.FloorAtTotalLoss),
        // and then the mean is taken over the floored APYs staker by staker, not over the annualized mean return.
        if (annualized is null && returns.Any(r => StakerYield.SimpleAnnualizedWad(r.ApyWad, elapsed) < -Wad.One))
            annualized = returns.Select(r => (r.PrincipalGwei, StakerYield.AnnualizedWad(r.ApyWad, elapsed))).ToList();
        w.WriteStartObject("stakers");
        w.WriteNumber("count", returns.Count);
        if (returns.Count > 0)
        {
            var distribution = new YieldDistribution(returns);
            var restaking = new YieldDistribution(excess);
            var (narrow, wide) = annualized is null ? (null, null) : AnnualizedYields.Of(annualized);
            foreach (var weighting in new[] { YieldWeighting.PerStaker, YieldWeighting.ByPrincipal })
            {
                string suffix = weighting == YieldWeighting.ByPrincipal ? "ByPrincipal" : "";
                var summary = distribution.Summarize(terms.BaseAprWad, weighting);
                WriteQuantiles(w, "runReturn" + suffix, summary, r => Wad.ToDecimalString(r));
                // Everyone held for the whole run and no APY floored: annualizing is linear, so the APYs' figures are the returns' annualized.
                if (wide is not null) WriteQuantiles(w, "realizedApy" + suffix, wide, weighting);
                else if (narrow is not null) WriteQuantiles(w, "realizedApy" + suffix, narrow.Summarize(terms.BaseAprWad, weighting), r => Wad.ToDecimalString(r));
                else WriteQuantiles(w, "realizedApy" + suffix, summary, r => Wad.ToDecimalString(StakerYield.Annualize(r, elapsed)));
            }
            WriteShares(w, "worseThanNotRestaking", restaking, 0);
            WriteShares(w, "lostMoney", distribution, 0);
        }
        w.WriteEndObject();

        w.WriteStartArray("tokens");
        for (int t = 0; t < spec.Tokens.Count; t++)
        {
            if (spec.Tokens[t].Type != TokenType.Lrt) continue;
            long issuerFee = RewardSpec.IssuerFeeOf(spec.Tokens[t]);
            long start = 0, end = 0;
            var rewards = RewardSplit.Zero;
            foreach (var p in spec.LrtPositions[t])
            {
                var h = holdings.Of(p.Operator, p.Asset, p.AmountGwei);
                start += h.StartGwei;
                end += h.EndGwei;
                // Base rewards pass the LST issuer's fee (if any) and then the LRT issuer's; service rewards the operator's commission and then the LRT's fee.
                var staked = RewardSplit.Of(h.BaseGrossGwei, baseFees[p.Asset]);
                var restaked = RewardSplit.Of(staked.StakerGwei, new RewardFees(0, issuerFee));
                rewards = rewards
                    .Plus(new RewardSplit(staked.GrossGwei, staked.OperatorGwei, staked.IssuerGwei + restaked.IssuerGwei, restaked.StakerGwei))
                    .Plus(RewardSplit.Of(h.ServiceGrossGwei, new RewardFees(terms.CommissionOf(spec.Operators[p.Operator]), issuerFee)));
            }
            if (start <= 0) continue;
            var token = new StakerYield(start, end, elapsed, Math.Max(0, start - end), rewards, []);
            w.WriteStartObject();
            w.WriteString("id", spec.Tokens[t].Id);
            w.WriteString("runReturn", Wad.ToDecimalString(token.RealizedReturnWad));
            w.WriteString("realizedApy", Wad.ToDecimalString(StakerYield.Annualize(token.RealizedReturnWad, elapsed)));
            w.WriteNumber("feesGwei", rewards.FeesGwei);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteQuantiles(Utf8JsonWriter w, string name, YieldSummary s, Func<long, string> format)
    {
        w.WriteStartObject(name);
        w.WriteString("mean", format(s.MeanWad));
        w.WriteString("p5", format(s.P5Wad));
        w.WriteString("p25", format(s.P25Wad));
        w.WriteString("p50", format(s.P50Wad));
        w.WriteString("p75", format(s.P75Wad));
        w.WriteString("p95", format(s.P95Wad));
        w.WriteEndObject();
    }

    /// <summary>The same fields over APYs annualized staker by staker.</summary>
    private static void WriteQuantiles(Utf8JsonWriter w, string name, AnnualizedYields apys, YieldWeighting weighting)
    {
        w.WriteStartObject(name);
        w.WriteString("mean", Wad.ToDecimalString(apys.MeanWad(weighting)));
        foreach (int p in (int[])[5, 25, 50, 75, 95]) w.WriteString("p" + p.ToString(System.Globalization.CultureInfo.InvariantCulture), Wad.ToDecimalString((BigInteger)apys.QuantileWad(p, weighting)));
        w.WriteEndObject();
    }

    /// <summary>The share of stakers, and of principal, with a figure strictly below <paramref name="threshold"/>.</summary>
    private static void WriteShares(Utf8JsonWriter w, string name, YieldDistribution d, long threshold)
    {
        w.WriteStartObject(name);
        foreach (var (field, weighting) in new[] { ("stakers", YieldWeighting.PerStaker), ("principal", YieldWeighting.ByPrincipal) })
            w.WriteString(field, Wad.ToDecimalString(Wad.Ratio(d.WeightBelow(threshold, weighting), d.TotalWeight(weighting), Rounding.Down)));
        w.WriteEndObject();
    }

    /// <summary>One holding in an (operator, asset) pool, valued and credited with its pro-rata rewards.</summary>
    private readonly record struct Holding(long StartGwei, long EndGwei, long UnrestakedEndGwei, long BaseGrossGwei, long ServiceGrossGwei);

    private sealed class PoolHoldings
    {
        private readonly FinalState world;
        private readonly long[] startPrice;
        private readonly long[] endPrice;
        /// <summary>Per operator, per asset: the index of its pool, −1 for none (a million lookups want no hashing).</summary>
        private readonly int[][] poolIndex;

        public PoolHoldings(FinalState world, long[] startPrice, long[] endPrice)
        {
            this.world = world;
            this.startPrice = startPrice;
            this.endPrice = endPrice;
            poolIndex = world.Operators.Select(o =>
            {
                var index = Enumerable.Repeat(-1, startPrice.Length).ToArray();
                for (int j = 0; j < o.Pools.Count; j++) index[o.Pools[j].Asset] = j;
                return index;
            }).ToArray();
        }

        /// <summary>A holding of <paramref name="deposit"/> deposit shares: its share of the pool's rewards is deposit / pool deposits,
        /// rounded down, as EigenLayer's rewards weigh each staker by its shares.</summary>
        public Holding Of(int op, int asset, long deposit)
        {
            var final = world.Operators[op];
            int j = poolIndex[op][asset];
            var pool = final.Pools[j];
            long withdrawable = EigenLayer.WithdrawableShares.Of(deposit, pool.Shares, pool.Deposits);
            return new Holding(
                Wad.Mul(deposit, startPrice[asset], Rounding.Down),
                Wad.Mul(withdrawable, endPrice[asset], Rounding.Down),
                Wad.Mul(deposit, endPrice[asset], Rounding.Down),
                ProRata(final.BaseRewardsGwei[j], deposit, pool.Deposits),
                ProRata(final.ServiceRewardsGwei[j], deposit, pool.Deposits));
        }

        /// <summary>A listed staker's own cohort: its deposit's value when it deposited, what it can withdraw in total at the end,
        /// and all of its cohort's rewards (earned from its deposit on).</summary>
        public Holding OfCohort(int op, int slot)
        {
            var final = world.Operators[op];
            var c = final.StakerCohorts[slot];
            int holding = final.HoldingOf(slot);
            return new Holding(c.StartValueGwei, Wad.Mul(c.WithdrawableShares, endPrice[c.Asset], Rounding.Down),
                Wad.Mul(c.DepositShares, endPrice[c.Asset], Rounding.Down), final.BaseRewardsGwei[holding], final.ServiceRewardsGwei[holding]);
        }

        private static long ProRata(long amount, long part, long whole) => whole == 0 ? 0 : (long)((Int128)amount * part / whole);
    }
}
