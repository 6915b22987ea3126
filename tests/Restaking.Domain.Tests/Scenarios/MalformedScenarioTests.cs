using Restaking.Domain.Scenarios;

namespace Restaking.Domain.Tests.Scenarios;

/// <summary>Each file in Scenarios/Malformed has one deliberate mistake; the loader must report it at the exact path with the exact rule.</summary>
public class MalformedScenarioTests
{
    private static readonly HashSet<string> Kinds = ["bridge", "oracle", "da-layer"];

    private static string MalformedDirectory => Path.Combine(AppContext.BaseDirectory, "Scenarios", "Malformed");

    /// <summary>File name → (expected path, expected rule).</summary>
    public static readonly TheoryData<string, string, string> Expectations = new()
    {
        { "missing-name.json", "$.name", "required" },
        { "name-not-string.json", "$.name", "type" },
        { "seed-negative.json", "$.seed", "range" },
        { "seed-fraction.json", "$.seed", "type" },
        { "ticks-zero.json", "$.ticks.count", "range" },
        { "ticks-too-many.json", "$.ticks.count", "range" },
        { "top-level-typo.json", "$.seeed", "unknown-property" },
        { "security-model-unknown.json", "$.securityModel", "enum" },
        { "adversary-exact-too-large.json", "$.adversary.exactMaxOperators", "range" },
        { "cascade-rounds-zero.json", "$.maxCascadeRounds", "range" },
        { "rewards-apr-above-one.json", "$.rewards.baseApr", "range" },
        { "service-reward-apr-negative.json", "$.services[1].rewardApr", "range" },
        { "operator-commission-typo.json", "$.operators[0].commision", "unknown-property" },
        { "base-chain-missing.json", "$.baseChain", "required" },
        { "total-balance-zero.json", "$.baseChain.totalActiveBalanceEth", "range" },
        { "effective-balance-above-electra-max.json", "$.baseChain.validatorGroups[0].effectiveBalanceEth", "range" },
        { "effective-balance-fractional.json", "$.baseChain.validatorGroups[0].effectiveBalanceEth", "effective-balance-increment" },
        { "validator-owner-unknown.json", "$.baseChain.validatorGroups[0].owner", "unknown-reference" },
        { "validator-owner-lrt.json", "$.baseChain.validatorGroups[0].owner", "reference-kind" },
        { "validator-groups-exceed-total.json", "$.baseChain.validatorGroups", "balance-sum" },
        { "validator-group-native-collision.json", "$.baseChain.validatorGroups[0].id", "generated-id-collision" },
        { "token-id-eth.json", "$.tokens[2].id", "reserved-id" },
        { "lst-without-supply.json", "$.tokens[0].supplyEth", "token-field" },
        { "lrt-with-backing.json", "$.tokens[1].backingEth", "token-field" },
        { "lrt-delegations-and-allocate.json", "$.tokens[1]", "token-field" },
        { "lrt-without-backing-positions.json", "$.tokens[1]", "token-field" },
        { "token-type-unknown.json", "$.tokens[0].type", "enum" },
        { "delegation-asset-lrt.json", "$.tokens[1].delegations[0].asset", "reference-kind" },
        { "delegation-unknown-operator.json", "$.tokens[1].delegations[0].operator", "unknown-reference" },
        { "allocate-more-operators-than-exist.json", "$.tokens[1].allocate.operatorCount", "exceeds-operator-count" },
        { "service-duplicate-id.json", "$.services[1].id", "duplicate-id" },
        { "service-kind-unknown.json", "$.services[0].kind", "unknown-kind" },
        { "service-threshold-zero.json", "$.services[0].attackThreshold", "range" },
        { "service-slash-above-one.json", "$.services[1].slashFraction", "range" },
        { "service-wraps-unknown.json", "$.services[0].wraps", "unknown-reference" },
        { "service-value-finer-than-gwei.json", "$.services[0].valueAtRiskEth", "decimals" },
        { "service-missing-value-at-risk.json", "$.services[1].valueAtRiskEth", "required" },
        { "slasher-type-unknown.json", "$.services[1].slasher.type", "enum" },
        { "slasher-veto-ticks-negative.json", "$.services[1].slasher.vetoTicks", "range" },
        { "slasher-resolver-typo.json", "$.services[1].slasher.resolver", "enum" },
        { "slasher-veto-without-resolver.json", "$.services[1].slasher.resolver", "slasher-field" },
        { "slasher-instant-with-veto-ticks.json", "$.services[1].slasher.vetoTicks", "slasher-field" },
        { "slasher-property-typo.json", "$.services[1].slasher.vetoTick", "unknown-property" },
        { "slasher-veto-after-past-window.json", "$.services[1].slasher.vetoAfterTicks", "range" },
        { "slasher-veto-after-without-resolver.json", "$.services[1].slasher.vetoAfterTicks", "slasher-field" },
        { "vault-epoch-within-veto-window.json", "$.vaults[0].epochTicks", "veto-window" },
        { "vault-limit-unknown-vault.json", "$.faults[0].vault", "unknown-reference" },
        { "vault-limit-negative.json", "$.faults[0].limitEth", "range" },
        { "vault-limit-without-limit.json", "$.faults[0].limitEth", "fault-field" },
        { "vault-limit-under-unique-stake.json", "$.faults[0].type", "security-model" },
        { "vault-limit-operator-under-network-restake.json", "$.faults[0].operator", "security-model" },
        { "vault-limit-operator-on-network-restake-vault.json", "$.faults[0].operator", "delegator-field" },
        { "vault-limit-operator-not-securing.json", "$.faults[0].service", "not-securing" },
        { "redistribution-to-burn-address.json", "$.services[0].redistributionRecipient", "reserved-id" },
        { "redistribution-control-without-recipient.json", "$.services[1].redistributionRecipientControl", "redistribution-field" },
        { "redistribution-corruptor-behind-resolver.json", "$.services[0].redistributionRecipientControl", "redistribution-field" },
        { "redistribution-control-unknown.json", "$.services[0].redistributionRecipientControl", "enum" },
        { "operator-duplicate-id.json", "$.operators[1].id", "duplicate-id" },
        { "magnitude-finer-than-wad.json", "$.operators[0].allocations[0].magnitude", "decimals" },
        { "allocation-unknown-service.json", "$.operators[1].allocations[0].service", "unknown-reference" },
        { "allocation-sum-above-one.json", "$.operators[0].allocations", "allocation-sum" },
        { "allocation-same-service-twice.json", "$.operators[0].allocations[1].service", "duplicate-allocation" },
        { "allocation-property-typo.json", "$.operators[0].allocations[0].magnitud", "unknown-property" },
        { "allocation-magnitude-zero.json", "$.operators[0].allocations[0].magnitude", "range" },
        { "staker-unknown-operator.json", "$.stakers[0].operator", "unknown-reference" },
        { "staker-asset-unknown.json", "$.stakers[0].asset", "unknown-reference" },
        { "staker-amount-string.json", "$.stakers[0].amountEth", "type" },
        { "staker-collides-with-generated.json", "$.stakers[0].id", "generated-id-collision" },
        { "staker-deposit-tick-past-end.json", "$.stakers[0].depositTick", "range" },
        { "staker-deposit-tick-negative.json", "$.stakers[0].depositTick", "range" },
        { "staker-withdraw-tick-past-end.json", "$.stakers[0].withdrawTick", "range" },
        { "staker-withdraw-not-after-deposit.json", "$.stakers[0].withdrawTick", "tick-order" },
        { "staker-ticks-under-symbiotic.json", "$.stakers[0].depositTick", "security-model" },
        { "service-collides-with-generated.json", "$.services[1].id", "generated-id-collision" },
        { "generated-kind-unknown.json", "$.generate.services.kinds.rollup", "unknown-kind" },
        { "generated-kind-weight-zero.json", "$.generate.services.kinds['da-layer']", "range" },
        { "distribution-min-above-max.json", "$.generate.services.valueAtRiskEth.max", "min-max" },
        { "distribution-fixed-with-other-max.json", "$.generate.services.valueAtRiskEth.max", "distribution-field" },
        { "distribution-tail-index-on-uniform.json", "$.generate.services.valueAtRiskEth.tailIndex", "distribution-field" },
        { "distribution-pareto-tail-zero.json", "$.generate.services.valueAtRiskEth.tailIndex", "range" },
        { "distribution-unknown.json", "$.generate.services.valueAtRiskEth.distribution", "enum" },
        { "distribution-missing-max.json", "$.generate.services.valueAtRiskEth.max", "required" },
        { "services-per-operator-min-above-max.json", "$.generate.operators.servicesPerOperator.max", "min-max" },
        { "services-per-operator-above-service-count.json", "$.generate.operators.servicesPerOperator.max", "exceeds-service-count" },
        { "generated-operators-without-services.json", "$.generate.operators", "generation-dependency" },
        { "generated-stakers-without-operators.json", "$.generate.stakers", "generation-dependency" },
        { "generated-staker-asset-lrt.json", "$.generate.stakers.assets.ezeth", "reference-kind" },
        { "generated-groups-empty.json", "$.generate.operators.groups", "empty" },
        { "fault-tick-past-end.json", "$.faults[0].tick", "range" },
        { "fault-type-unknown.json", "$.faults[0].type", "enum" },
        { "fault-missing-type.json", "$.faults[0].type", "required" },
        { "price-shock-without-fraction.json", "$.faults[0].fraction", "fault-field" },
        { "price-shock-with-operator.json", "$.faults[0].operator", "fault-field" },
        { "price-shock-unknown-token.json", "$.faults[0].token", "unknown-reference" },
        { "equivocation-on-unsecured-service.json", "$.faults[0].service", "not-securing" },
        { "equivocation-without-operator.json", "$.faults[0].operator", "fault-field" },
        { "bridge-exploit-on-oracle.json", "$.faults[0].service", "service-kind" },
        { "outage-group-and-operators.json", "$.faults[0]", "fault-field" },
        { "outage-without-target.json", "$.faults[0]", "fault-field" },
        { "outage-unknown-group.json", "$.faults[0].group", "unknown-reference" },
        { "outage-empty-operators.json", "$.faults[0].operators", "empty" },
        { "mass-slashing-unknown-owner.json", "$.faults[0].owners[1]", "unknown-reference" },
        { "rogue-service-fraction-zero.json", "$.faults[0].fraction", "range" },
        { "fault-duplicate-id.json", "$.faults[1].id", "duplicate-id" },
        { "withdrawal-wave-unknown-operator.json", "$.faults[0].operators[0]", "unknown-reference" },
        { "withdrawal-wave-fraction-above-one.json", "$.faults[0].fraction", "range" },
        { "withdrawal-wave-operators-not-all.json", "$.faults[0].operators", "enum" },
        { "withdrawal-wave-asset-lrt.json", "$.faults[0].asset", "reference-kind" },
        { "withdrawal-wave-without-fraction.json", "$.faults[0].fraction", "fault-field" },
        { "withdrawal-wave-under-symbiotic.json", "$.faults[0].type", "security-model" },
        { "reallocate-under-pooled.json", "$.faults[0].type", "security-model" },
        { "reallocate-new-edge-under-pooled.json", "$.faults[0].type", "security-model" },
        { "reallocate-unknown-service.json", "$.faults[0].service", "unknown-reference" },
        { "reallocate-tick-string.json", "$.faults[0].tick", "type" },
        { "reallocate-magnitude-beyond-max.json", "$.faults[0].magnitude", "allocation-sum" },
        { "equivocation-before-its-edge-opens.json", "$.faults[1].service", "not-securing" },
        { "reallocate-magnitude-above-one.json", "$.faults[0].magnitude", "range" },
        { "reallocate-without-magnitude.json", "$.faults[0].magnitude", "fault-field" },
        { "reallocate-with-fraction.json", "$.faults[0].fraction", "fault-field" },
        { "eigenlayer-withdrawal-delay-zero.json", "$.eigenlayer.withdrawalDelaySeconds", "range" },
        { "eigenlayer-property-typo.json", "$.eigenlayer.withdrawalDelay", "unknown-property" },
        { "allocation-delay-negative.json", "$.operators[0].allocationDelaySeconds", "range" },
        { "market-venues-and-pool.json", "$.tokens[1].market.venues", "market-venues" },
        { "venue-arbitrage-without-venues.json", "$.tokens[1].market.venueArbitrageEthPerTick", "market-venues" },
        { "venue-duplicate-id.json", "$.tokens[1].market.venues[1].id", "duplicate-id" },
        { "venue-without-pool-tokens.json", "$.tokens[1].market.venues[0].poolTokens", "required" },
        { "oracle-venue-with-nav-oracle.json", "$.lendingMarkets[0].oracleVenue", "oracle-venue" },
        { "oracle-venue-unknown.json", "$.lendingMarkets[0].oracleVenue", "unknown-reference" },
        { "liquidators-hold-below-zero.json", "$.lendingMarkets[0].liquidators.holdBelow", "range" },
        { "close-factor-above-one.json", "$.lendingMarkets[0].closeFactor", "range" },
        { "trailing-comma.json", "$", "invalid-json" },
        { "root-is-array.json", "$", "type" },
        { "duplicate-property.json", "$.seed", "duplicate-property" },
        { "null-where-string.json", "$.description", "type" },
    };

    [Theory]
    [MemberData(nameof(Expectations))]
    public void Malformed_file_is_rejected_at_the_expected_path_with_the_expected_rule(string file, string path, string rule)
    {
        var result = ScenarioLoader.Load(Path.Combine(MalformedDirectory, file), Kinds);

        Assert.False(result.IsValid);
        Assert.Null(result.Scenario);
        Assert.True(result.Errors.Any(e => e.Path == path && e.Rule == rule),
            $"expected '{path}' [{rule}] among:\n{string.Join("\n", result.Errors)}");
    }

    /// <summary>venue-without-pool-tokens.json: ezeth's market fails at its venue, and lending market 0 lends against ezeth.
    /// The venue's error is the one mistake; the lending market must not add "token 'ezeth' has no 'market'" (the token has one,
    /// it failed to parse).</summary>
    [Fact]
    public void A_market_that_fails_to_parse_is_not_also_reported_missing_at_its_lending_markets()
    {
        string file = Path.Combine(MalformedDirectory, "venue-without-pool-tokens.json");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file));
        Assert.Equal("ezeth", json.RootElement.GetProperty("lendingMarkets")[0].GetProperty("collateral").GetString());

        var result = ScenarioLoader.Load(file, Kinds);

        Assert.Contains(result.Errors, e => e.Path == "$.tokens[1].market.venues[0].poolTokens" && e.Rule == "required");
        Assert.DoesNotContain(result.Errors, e => e.Rule == "needs-market");
    }

    [Fact]
    public void Every_malformed_file_has_an_expectation_and_the_corpus_is_large_enough()
    {
        var files = Directory.GetFiles(MalformedDirectory, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
        var expected = Expectations.Select(row => row.Data.Item1).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(expected, files);
        Assert.True(files.Count >= 35, $"only {files.Count} malformed files");
    }
}
