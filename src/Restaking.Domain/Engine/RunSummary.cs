using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Restaking.Domain.Adversary;
using Restaking.Domain.Cascade;
using Restaking.Domain.EigenLayer;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Engine;

/// <summary>What the summary needs from tick 0: the stake and the DR24 slack of the initial graph.</summary>
public sealed record InitialFacts(long RestakedValueGwei, (BigInteger Num, BigInteger Den)? MinCostRatio, string GammaMethod);

/// <summary>
/// summary.json: totals, who was hit, how deep contagion went, DR24's ψ and bound, token NAVs and the distribution
/// of staker losses. Integers are gwei or WAD; ratios are exact decimals written as strings. No clock values.
/// </summary>
public static class RunSummary
{
    /// <summary>γ is computed exactly only when every component of the initial graph is small enough to enumerate.</summary>
    public const int GammaExactMaxOperators = 20;

    public static InitialFacts Initial(World world)
    {
        long restaked = world.RestakedValueGwei;
        if (!world.Spec.Scenario.SecurityModel.IsFullRestake())
            return new InitialFacts(restaked, null, "not-applicable: DR24's bound is for pooled restaking");
        var network = world.Adversary.CurrentNetwork().Network;
        if (network.Components.Any(c => c.Operators.Count > GammaExactMaxOperators))
            return new InitialFacts(restaked, null, $"not-computed: a component has more than {GammaExactMaxOperators} operators");
        var ratio = SecurityChecks.MinFeasibleCostRatio(network, GammaExactMaxOperators);
        return new InitialFacts(restaked, ratio is { } r ? (r.Cost, r.Profit) : null, "exact");
    }

    public static string Build(WorldSpec spec, FinalState world, RunRecorder recorder, InitialFacts initial)
    {
        var scenario = spec.Scenario;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("scenario", scenario.Name);
            w.WriteNumber("seed", scenario.Seed);
            w.WriteNumber("ticks", scenario.Ticks.Count);
            w.WriteNumber("tickSeconds", scenario.Ticks.Seconds);
            w.WriteString("securityModel", SecurityModelNames.Of(scenario.SecurityModel));

            w.WriteStartObject("world");
            w.WriteNumber("services", spec.Services.Count);
            w.WriteNumber("operators", spec.Operators.Count);
            w.WriteNumber("stakers", spec.Stakers.Count);
            w.WriteNumber("tokens", spec.Tokens.Count);
            w.WriteNumber("validatorGroups", spec.ValidatorGroups.Count);
            w.WriteEndObject();

            long final = recorder.Last?.RestakedValueGwei ?? initial.RestakedValueGwei;
            w.WriteNumber("initialRestakedGwei", initial.RestakedValueGwei);
            w.WriteNumber("finalRestakedGwei", final);
            w.WriteStartObject("slashedGwei");
            w.WriteNumber("total", recorder.SlashedTotal);
            foreach (var reason in SlashReasons.All) w.WriteNumber(reason.Name(), recorder.SlashedByReason[(int)reason]);
            w.WriteEndObject();
            if (RunRecorder.CanSlashQueuedStake(scenario))
            {
                // slashedGwei.total = restaked + queued: what left operators' delegated stake, and what left withdrawals
                // still slashable (the eigenlayer and vaultWithdrawals blocks break the second down).
                w.WriteStartObject("slashedFromGwei");
                w.WriteNumber("restaked", recorder.SlashedTotal - recorder.SlashedFromQueuedGwei);
                w.WriteNumber("queued", recorder.SlashedFromQueuedGwei);
                w.WriteEndObject();
            }
            w.WriteNumber("valueLostGwei", recorder.ValueLostGwei);
            w.WriteNumber("operatorsSlashed", world.Operators.Count(o => o.EverSlashed));
            w.WriteNumber("attacks", recorder.Attacks);
            w.WriteStartArray("servicesCompromised");
            for (int s = 0; s < spec.Services.Count; s++)
                if (world.ServicesCompromised[s]) w.WriteStringValue(spec.Services[s].Id);
            w.WriteEndArray();
            w.WriteNumber("events", recorder.EventCount);
            w.WriteNumber("maxContagionDepth", recorder.MaxContagionDepth);
            w.WriteNumber("maxCascadeRounds", recorder.MaxCascadeRounds);
            w.WriteNumber("roundCapHits", recorder.RoundCapHits);
            w.WriteNumber("pendingCorrelationPenalties", world.PendingCorrelationPenalties);
            w.WriteNumber("whistleblowerRewardsGwei", recorder.WhistleblowerRewardsGwei);
            WriteRandomFaults(w, spec);

            w.WriteStartObject("adversary");
            w.WriteString("search", scenario.Adversary.Search.ToString().ToLowerInvariant());
            w.WriteNumber("exactMaxOperators", scenario.Adversary.ExactMaxOperators);
            w.WriteStartObject("searchesByMethod");
            foreach (var (method, count) in world.SearchesByMethod) w.WriteNumber(method, count);
            w.WriteEndObject();
            WriteRedistributedToAttacker(w, spec, recorder);
            w.WriteEndObject();

            WriteDr24(w, recorder, initial);
            WriteTokens(w, spec, world, recorder);
            WriteLending(w, spec, world, recorder);
            WriteSlashDestinations(w, spec, recorder);
            WriteSlashEscrow(w, spec, recorder);
            WriteStakers(w, spec, world);
            RewardsReport.Write(w, spec, world);
            recorder.EigenLayer.Write(w, scenario);
            recorder.VaultWithdrawals.Write(w, scenario);
            recorder.VaultSlashes.Write(w, scenario);
            recorder.Vetoes.Write(w, scenario);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The faults drawn from "randomFaults" that fired in this trial, in schedule order (only with random faults,
    /// so other scenarios' summaries are unchanged).</summary>
    private static void WriteRandomFaults(Utf8JsonWriter w, WorldSpec spec)
    {
        var specs = spec.Scenario.RandomFaults;
        if (specs.Count == 0) return;
        var drawn = specs.Select(r => r.Id + "@").ToArray();
        w.WriteStartArray("randomFaultsFired");
        foreach (var fault in spec.Scenario.Faults)
        {
            if (!drawn.Any(prefix => fault.Id.StartsWith(prefix, StringComparison.Ordinal))) continue;
            w.WriteStartObject();
            w.WriteString("id", fault.Id);
            w.WriteNumber("tick", fault.Tick);
            w.WriteString("type", ScenarioJsonNames.Of(fault.Type));
            w.WriteString("service", fault.Service);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>
    /// DR24 (arXiv 2407.21785, Theorem 1): ψ = stake lost to the shock (every loss but attacks), R = all stake lost,
    /// γ = min σ(B)/π(A) − 1 over feasible attacks on the initial graph, bound = (1 + 1/γ)·ψ. Both losses count what was
    /// slashed from queued or pending withdrawals: that stake was restaked at tick 0 (the denominator) and its stakers lose it.
    /// </summary>
    private static void WriteDr24(Utf8JsonWriter w, RunRecorder recorder, InitialFacts initial)
    {
        long total = initial.RestakedValueGwei;
        long shock = recorder.SlashedTotal - recorder.SlashedByReason[(int)SlashReason.Attack];
        w.WriteStartObject("dr24");
        w.WriteString("gammaMethod", initial.GammaMethod);
        w.WriteString("psi", Fraction(shock, total));
        w.WriteString("totalLoss", Fraction(recorder.SlashedTotal, total));
        if (initial.MinCostRatio is { } rho && rho.Num > rho.Den)
        {
            // γ = ρ − 1; bound = ψ·ρ/(ρ − 1); R / bound = loss·(ρn − ρd) / (shock·ρn).
            w.WriteString("gamma", Fraction(rho.Num - rho.Den, rho.Den));
            w.WriteString("bound", Fraction(shock * rho.Num, total * (rho.Num - rho.Den)));
            if (shock > 0) w.WriteString("lossToBound", Fraction(recorder.SlashedTotal * (rho.Num - rho.Den), shock * rho.Num));
        }
        else
        {
            w.WriteNull("gamma");
        }
        w.WriteEndObject();
    }

    private static void WriteTokens(Utf8JsonWriter w, WorldSpec spec, FinalState world, RunRecorder recorder)
    {
        w.WriteStartArray("tokens");
        for (int t = 0; t < world.Tokens.Count; t++)
        {
            var token = world.Tokens[t];
            w.WriteStartObject();
            w.WriteString("id", token.Id);
            w.WriteString("type", spec.Tokens[t].Type == TokenType.Lst ? "lst" : "lrt");
            w.WriteNumber("supplyGwei", token.SupplyGwei);
            w.WriteString("finalNav", Wad.ToDecimalString(token.NavWad));
            w.WriteString("minNav", Wad.ToDecimalString(Math.Min(recorder.MinNavWad[t], token.NavWad)));
            w.WriteString("finalPrice", Wad.ToDecimalString(token.PriceWad));
            w.WriteString("minPrice", Wad.ToDecimalString(Math.Min(recorder.MinPriceWad[t], token.PriceWad)));
            if (spec.Tokens[t].Market is not null)
            {
                // Only tokens with a market move apart from NAV for long; the others keep their summary as it was.
                w.WriteNumber("minPriceTick", recorder.MinPriceTick[t]);
                w.WriteNumber("depegTicks", recorder.DepegTicks[t]);
                w.WriteNumber("depegSeconds", (long)recorder.DepegTicks[t] * spec.Scenario.Ticks.Seconds);
                if (spec.Tokens[t].Market!.YieldFlows is not null)
                {
                    w.WriteNumber("yieldDepositsGwei", recorder.DepositsGwei[t]);
                    w.WriteNumber("yieldExitsGwei", recorder.YieldExitsGwei[t]);
                }
                if (token.Market is { Venues.Count: > 0 } market) WriteVenues(w, market.Venues, spec.Scenario.Ticks.Seconds);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>Each venue of a market listed with venues, at tick ends (<see cref="Markets.VenueLedger"/>).</summary>
    private static void WriteVenues(Utf8JsonWriter w, IReadOnlyList<Markets.VenueFigures> venues, int tickSeconds)
    {
        w.WriteStartArray("venues");
        foreach (var v in venues)
        {
            w.WriteStartObject();
            w.WriteString("id", v.Id);
            w.WriteString("chain", v.Chain);
            w.WriteString("minPrice", Wad.ToDecimalString(v.MinPriceWad));
            w.WriteNumber("minPriceTick", v.MinPriceTick);
            w.WriteNumber("depegTicks", v.DepegTicks);
            w.WriteNumber("depegSeconds", (long)v.DepegTicks * tickSeconds);
            w.WriteString("finalPrice", Wad.ToDecimalString(v.FinalPriceWad));
            w.WriteNumber("minEthReserveGwei", v.MinEthReserveGwei);
            w.WriteNumber("finalEthReserveGwei", v.FinalEthReserveGwei);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>Lending markets (written only when the scenario has any): liquidations, debt repaid, bad debt, pool sales, and
    /// per market what its liquidations took — the share of its collateral seized is the public "Gearbox lost 55 % of its
    /// ezETH TVL" comparison — and what its liquidators sold and still hold.</summary>
    private static void WriteLending(Utf8JsonWriter w, WorldSpec spec, FinalState world, RunRecorder recorder)
    {
        if (spec.Scenario.LendingMarkets.Count == 0) return;
        w.WriteStartObject("lending");
        w.WriteNumber("liquidationEvents", recorder.LiquidationEvents);
        w.WriteNumber("debtRepaidGwei", recorder.LiquidatedDebtGwei);
        w.WriteNumber("badDebtGwei", recorder.BadDebtGwei);
        w.WriteNumber("poolSalesGwei", recorder.MarketSalesEth);   // ETH received for every token sold into pools (holders and liquidators)
        w.WriteStartArray("markets");
        for (int m = 0; m < spec.Scenario.LendingMarkets.Count; m++)
        {
            var lending = spec.Scenario.LendingMarkets[m];
            var final = world.LendingMarkets![m];
            var liquidators = world.Tokens[spec.TokenIndex[lending.Collateral]].Market?.Liquidators.FirstOrDefault(l => l.Market == m) ?? default;
            w.WriteStartObject();
            w.WriteString("id", final.Id);
            w.WriteString("oracle", lending.Oracle == OracleSource.Nav ? "nav" : lending.OracleVenue is { } venue ? "venue:" + venue : "market");
            w.WriteString("minOraclePrice", Wad.ToDecimalString(final.MinOraclePriceWad));
            w.WriteNumber("positionsLiquidated", final.PositionsLiquidated);
            w.WriteNumber("debtRepaidGwei", final.DebtRepaidGwei);
            w.WriteNumber("badDebtGwei", final.BadDebtGwei);
            w.WriteNumber("initialCollateralTokens", final.InitialCollateralTokens);
            w.WriteNumber("collateralSeizedTokens", final.CollateralSeizedTokens);
            w.WriteNumber("collateralSeizedValueGwei", final.CollateralSeizedValueGwei);
            w.WriteString("collateralSeizedShare", Fraction(final.CollateralSeizedTokens, final.InitialCollateralTokens));
            w.WriteNumber("liquidatorSoldTokens", liquidators.SoldTokens);
            w.WriteNumber("liquidatorSalesGwei", liquidators.EthReceivedGwei);
            w.WriteNumber("liquidatorHeldTokens", liquidators.HeldTokens);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// Where slashed stake went (written only when some service redistributes, ELIP-006): what services slashed, burned or
    /// paid to each service's redistribution recipient, tallied by <see cref="SlashedFunds"/>. Base-chain penalties are not
    /// service slashes and are not in it. Beacon chain ETH counts like any stake here, though ELIP-006 keeps it out of
    /// redistributing operator sets (the scenario's job, not checked).
    /// </summary>
    private static void WriteSlashDestinations(Utf8JsonWriter w, WorldSpec spec, RunRecorder recorder)
    {
        if (!spec.Services.Any(s => s.RedistributionRecipient is not null)) return;
        var funds = new SlashedFunds();
        foreach (var (s, gwei) in recorder.SlashedByService) funds.Record(SlashDestination.ForOperatorSet(spec.Services[s].RedistributionRecipient), gwei);
        // Every recipient a service names, with the services paying it (recipients compare case-insensitively, as addresses do).
        var servicesOf = new SortedDictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var service in spec.Services)
            if (service.RedistributionRecipient is { } recipient)
                (servicesOf.TryGetValue(recipient, out var list) ? list : servicesOf[recipient] = []).Add(service.Id);
        w.WriteStartObject("slashDestinations");
        w.WriteNumber("burnedGwei", funds.Burned);
        w.WriteNumber("redistributedGwei", funds.TotalRedistributed);
        w.WriteStartArray("recipients");
        foreach (var (recipient, services) in servicesOf)
        {
            w.WriteStartObject();
            w.WriteString("id", recipient);
            w.WriteNumber("gwei", funds.RedistributedTo(recipient));
            w.WriteStartArray("services");
            foreach (var id in services) w.WriteStringValue(id);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// slashEscrow (written only when the scenario sets <c>eigenlayer.slashEscrow</c> and some service redistributes): every
    /// service's redistributed slashes of one tick are one escrow (ELIP-006 SlashEscrowFactory: one SlashEscrow per slash),
    /// settled by <see cref="SlashEscrows.Settle"/>: released to the recipient after the delay, returned by a pause ending in a
    /// return, or still held at the end. escrowed = released + returned + held (docs/models/eigenlayer.md, "Slash escrow").
    /// </summary>
    private static void WriteSlashEscrow(Utf8JsonWriter w, WorldSpec spec, RunRecorder recorder)
    {
        var scenario = spec.Scenario;
        if (scenario.EigenLayer.SlashEscrow is not { } escrow || !spec.Services.Any(s => s.RedistributionRecipient is not null)) return;
        var escrows = new List<Escrow>();
        foreach (var ((tick, s), gwei) in recorder.SlashedByTickAndService)
            if (gwei > 0 && spec.Services[s].RedistributionRecipient is { } recipient)
                escrows.Add(SlashEscrows.Settle(s, recipient, tick, gwei, escrow, scenario.Ticks.Seconds, scenario.Ticks.Count));
        long Sum(EscrowOutcome o) => escrows.Where(e => e.Outcome == o).Sum(e => e.Gwei);
        w.WriteStartObject("slashEscrow");
        w.WriteNumber("delaySeconds", escrow.DelaySeconds);
        w.WriteNumber("delayTicks", escrow.DelayTicks(scenario.Ticks.Seconds));
        w.WriteNumber("escrowedGwei", escrows.Sum(e => e.Gwei));
        w.WriteNumber("releasedGwei", Sum(EscrowOutcome.Released));
        w.WriteNumber("returnedGwei", Sum(EscrowOutcome.Returned));
        w.WriteNumber("heldAtEndGwei", Sum(EscrowOutcome.Held));
        w.WriteStartArray("escrows");
        foreach (var e in escrows)
        {
            w.WriteStartObject();
            w.WriteString("service", spec.Services[e.Service].Id);
            w.WriteString("recipient", e.Recipient);
            w.WriteNumber("tick", e.Tick);
            w.WriteNumber("gwei", e.Gwei);
            w.WriteNumber("completeTick", e.CompleteTick);
            w.WriteString("outcome", e.Outcome.ToString().ToLowerInvariant());
            if (e.EndTick is { } end) w.WriteNumber("endTick", end);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// adversary.redistributedToAttackerGwei (written only when some service's redistribution recipient is controlled by its
    /// corruptor): the stake the adversary took by slashing through the services it corrupted and whose recipient it thereby
    /// holds — its coalition's forfeited stake paid back and the honest operators' stake — from delegated stake and queued
    /// withdrawals alike. ELIP-006 (Impact Summary): "An attacker that gains access to AVS keys on the slasher and
    /// redistributionRecipient can drain the entirety of Operator and Staker allocated stake for a given Operator Set".
    /// </summary>
    private static void WriteRedistributedToAttacker(Utf8JsonWriter w, WorldSpec spec, RunRecorder recorder)
    {
        if (!spec.Services.Any(s => s.RedistributionRecipient is not null && s.RedistributionRecipientControl == RecipientControl.Corruptor)) return;
        long taken = 0;
        foreach (var (s, gwei) in recorder.AttackSlashedByService)
            if (spec.Services[s].RedistributionRecipientControl == RecipientControl.Corruptor) taken += gwei;
        w.WriteNumber("redistributedToAttackerGwei", taken);
    }

    /// <summary>Each staker's loss share 1 − withdrawable/deposit (in its own asset), computed lazily from pool factors; a listed
    /// staker with ticks of its own reads its cohort (0 while its deposit waits or was refused: it holds it outside).</summary>
    private static void WriteStakers(Utf8JsonWriter w, WorldSpec spec, FinalState world)
    {
        var book = spec.Stakers;
        var pools = new Dictionary<(int, int), AssetPool>();
        for (int v = 0; v < world.Operators.Count; v++)
            foreach (var pool in world.Operators[v].Pools) pools[(v, pool.Asset)] = pool;
        var cohorts = world.CohortsByStaker();
        var losses = new long[book.Count];
        int withLoss = 0;
        for (int i = 0; i < book.Count; i++)
        {
            long withdrawable;
            if (book.HasOwnTicks(i))
            {
                var (v, slot) = cohorts[i];
                var cohort = world.Operators[v].StakerCohorts[slot];
                withdrawable = cohort.Deposited ? cohort.WithdrawableShares : book.Amount[i];
            }
            else
            {
                var pool = pools[(book.Operator[i], book.Asset[i])];
                withdrawable = WithdrawableShares.Of(book.Amount[i], pool.Shares, pool.Deposits);
            }
            // A late deposit's k rounds in the depositor's favour by at most dust: no loss is below 0.
            losses[i] = book.Amount[i] == 0 ? 0 : Wad.Ratio(Math.Max(0, book.Amount[i] - withdrawable), book.Amount[i], Rounding.Up);
            if (losses[i] > 0) withLoss++;
        }
        Array.Sort(losses);
        w.WriteStartObject("stakers");
        w.WriteNumber("count", book.Count);
        w.WriteNumber("withLoss", withLoss);
        foreach (var (name, q) in new[] { ("lossP50", 50), ("lossP90", 90), ("lossP99", 99), ("lossMax", 100) })
            w.WriteString(name, losses.Length == 0 ? "0" : Wad.ToDecimalString(losses[NearestRank(losses.Length, q)]));
        w.WriteEndObject();
    }

    /// <summary>Nearest-rank percentile index: ceil(q/100 · n) − 1.</summary>
    public static int NearestRank(int n, int q) => Math.Max(0, (int)(((long)q * n + 99) / 100) - 1);

    /// <summary>An exact ratio as a decimal string with 9 decimals (rounded down).</summary>
    public static string Fraction(BigInteger num, BigInteger den)
    {
        if (den.IsZero) return "0";
        var scaled = BigInteger.Divide(num * 1_000_000_000, den);
        var whole = BigInteger.DivRem(scaled, 1_000_000_000, out var frac);
        return string.Create(CultureInfo.InvariantCulture, $"{whole}.{frac.ToString(CultureInfo.InvariantCulture).PadLeft(9, '0')}");
    }
}
