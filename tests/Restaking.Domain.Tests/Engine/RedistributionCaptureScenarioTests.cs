using System.Text.Json;
using Restaking.Domain.Engine;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Engine;

/// <summary>
/// scenarios/redistribution-capture.json: the security-models world (op-a 9,000 ETH, op-b 12,000 stETH with rsteth's 8,000,
/// op-c 10,000 stETH, op-d 7,000 ETH, op-e 9,000 stETH with rsteth's 6,000, op-f 8,000 stETH) where da-1 (3,000 ETH at risk,
/// α = 1/3) redistributes to a treasury its corruptor controls, and oracle-2 to an independent insurance fund. Worked by
/// hand against counterfactuals of the same file (da-1 burning, or its recipient independent), under unique stake (the
/// file's) and pooled restake.
/// </summary>
public class RedistributionCaptureScenarioTests
{
    private const long Eth = Gwei.PerEth;
    private const string Captured = "\"redistributionRecipient\": \"da-1-treasury\", \"redistributionRecipientControl\": \"corruptor\"";

    private sealed record Run(JsonElement Summary, List<JsonElement> Events)
    {
        public IEnumerable<JsonElement> Of(string kind) => Events.Where(e => e.GetProperty("kind").GetString() == kind);
        public long Slashed(string reason) => Summary.GetProperty("slashedGwei").GetProperty(reason).GetInt64();
    }

    private static Run RunScenario(SecurityModel model, string? da1 = null)
    {
        var result = ShippedScenario.Run("redistribution-capture.json", da1 is null ? null : text => ShippedScenario.Replace(text, Captured, da1), model);
        return new Run(ShippedScenario.Summary(result), ShippedScenario.Events(result));
    }

    /// <summary>da-1 as a burning service, and with a recipient that is not the attacker.</summary>
    public static TheoryData<string> NotCaptured() =>
    [
        "\"redistributionRecipient\": \"da-1-treasury\", \"redistributionRecipientControl\": \"independent\"",
        "\"redistributionRecipient\": \"da-1-treasury\"",
        "\"rewardApr\": 0",
    ];

    [Theory]
    [MemberData(nameof(NotCaptured))]
    public void Burning_or_an_independent_recipient_leaves_every_service_unattacked(string da1)
    {
        // Unique stake: da-1 is secured by op-b 3,600, op-c 3,000, op-e 1,800 and op-f 3,200 (11,600; 1/3 of it is 3,866.67).
        // The cheapest coalition, {op-c, op-e}, forfeits 4,800 > 3,000 at risk: no attack, then or after op-c's equivocation.
        foreach (var model in new[] { SecurityModel.UniqueStake, SecurityModel.Pooled })
        {
            var run = RunScenario(model, da1);
            Assert.Equal(0, run.Summary.GetProperty("attacks").GetInt32());
            Assert.Equal(0, run.Slashed("attack"));
            Assert.False(run.Summary.GetProperty("adversary").TryGetProperty("redistributedToAttackerGwei", out _));
        }
    }

    [Fact]
    public void Unique_stake_the_adversary_takes_da_1_for_its_whole_securing_stake()
    {
        // π'(da-1) = 3,000 + 11,600 (the stake da-1 can slash, all paid to the corruptor): the cheapest cover {op-c, op-e}
        // forfeits 4,800 and gets it back, and takes op-b's 3,600 and op-f's 3,200. Profit 14,600, cost 4,800, gain 9,800.
        var run = RunScenario(SecurityModel.UniqueStake);
        var attack = run.Of("attack").Single();
        Assert.Equal((0, 14_600 * Eth), (attack.GetProperty("tick").GetInt32(), attack.GetProperty("amount_gwei").GetInt64()));
        Assert.Equal("attack=1;services=1;operators=2;cost_gwei=4800000000000;redistributable_gwei=11600000000000",
            attack.GetProperty("detail").GetString());
        // The adversary slashes all four operators through da-1, the attackers included; da-1 punishes no one itself.
        var drains = run.Of("slash").Where(e => e.GetProperty("reason").GetString() == "attack").ToList();
        Assert.Equal(["op-b", "op-c", "op-e", "op-f"], drains.Select(e => e.GetProperty("target").GetString()));
        Assert.Equal([3_600 * Eth, 3_000 * Eth, 1_800 * Eth, 3_200 * Eth], drains.Select(e => e.GetProperty("amount_gwei").GetInt64()));
        Assert.All(drains, e => Assert.Equal("da-1", e.GetProperty("source").GetString()));
        Assert.All(drains, e => Assert.EndsWith(";redistributed_to=da-1-treasury", e.GetProperty("detail").GetString(), StringComparison.Ordinal));
        Assert.Equal(11_600 * Eth, run.Summary.GetProperty("adversary").GetProperty("redistributedToAttackerGwei").GetInt64());

        // Tick 3: op-c equivocates on oracle-2: half its 3,000 allocation, 1,500 to oracle-2's independent fund. No attack
        // follows (oracle-2 keeps op-c 1,500, op-d 2,800, op-e 2,700: no single one reaches half of 7,000).
        Assert.Equal(1_500 * Eth, run.Slashed("equivocation"));
        Assert.Equal(1, run.Summary.GetProperty("attacks").GetInt32());
        var recipients = run.Summary.GetProperty("slashDestinations").GetProperty("recipients").EnumerateArray()
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("gwei").GetInt64());
        Assert.Equal(11_600 * Eth, recipients["da-1-treasury"]);
        Assert.Equal(1_500 * Eth, recipients["oracle-2-insurance-fund"]);

        // rsteth: op-b loses 0.3 of its pool and op-e 0.2: (8,000 × 0.7 + 6,000 × 0.8) / 14,000.
        var rsteth = run.Summary.GetProperty("tokens").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "rsteth");
        Assert.Equal("0.742857142857142857", rsteth.GetProperty("finalNav").GetString());
        // DR24's γ is not computed under unique stake; ψ is the equivocation, 1,500 / 55,000.
        Assert.Equal("0.027272727", run.Summary.GetProperty("dr24").GetProperty("psi").GetString());
    }

    [Fact]
    public void Pooled_the_drain_empties_da_1s_operators_and_the_cascade_takes_the_rest()
    {
        // Pooled: da-1 can slash each of its operators whole, D = 12,000 + 10,000 + 9,000 + 8,000 = 39,000. The best attack is
        // {op-c, op-e} (19,000 ≥ 1/3 of 39,000 on da-1, and ≥ 1/2 of oracle-2's 26,000) on {oracle-2, da-1}: profit 2,500 +
        // 3,000 + 39,000 = 44,500, cost 19,000, gain 25,500. With op-b and op-f drained, op-a alone holds bridge-1 (9,000 ≥
        // 2/3 of 9,000) and oracle-1 (9,000 ≥ 1/2 of 16,000): 11,000 for 9,000, the second attack of the same round.
        var run = RunScenario(SecurityModel.Pooled);
        // One attack event per attacked service, each with its own value (docs/models/adversary-dr24.md, "Attack events"):
        // attack 1 books oracle-2 its 2,500 and da-1 its 3,000 + the 39,000 it redistributes = 42,000 (together 44,500);
        // attack 2 books bridge-1 9,000 and oracle-1 2,000 (together 11,000). The summary still counts two attacks.
        var attacks = run.Of("attack").ToList();
        Assert.Equal(["oracle-2", "da-1", "bridge-1", "oracle-1"], attacks.Select(e => e.GetProperty("target").GetString()));
        Assert.Equal([2_500 * Eth, 42_000 * Eth, 9_000 * Eth, 2_000 * Eth], attacks.Select(e => e.GetProperty("amount_gwei").GetInt64()));
        Assert.Equal("attack=1;services=2;operators=2;cost_gwei=19000000000000;part=1/2", attacks[0].GetProperty("detail").GetString());
        Assert.Equal("attack=1;services=2;redistributable_gwei=39000000000000;part=2/2", attacks[1].GetProperty("detail").GetString());
        Assert.Equal("attack=2;services=2;operators=1;cost_gwei=9000000000000;part=1/2", attacks[2].GetProperty("detail").GetString());
        Assert.Equal("attack=2;services=2;part=2/2", attacks[3].GetProperty("detail").GetString());
        Assert.Equal(2, run.Summary.GetProperty("attacks").GetInt32());
        Assert.Equal(39_000 * Eth, run.Summary.GetProperty("adversary").GetProperty("redistributedToAttackerGwei").GetInt64());
        // Slashed: the 39,000 drained and op-a's 9,000 (burned by bridge-1); oracle-2's punishment of op-c and op-e finds
        // nothing left (the corruptor slashed first), so the fund gets nothing, and op-c's equivocation at tick 3 neither.
        Assert.Equal(48_000 * Eth, run.Slashed("attack"));
        Assert.Equal(48_000 * Eth, run.Slashed("total"));
        Assert.Equal(7_000 * Eth, run.Summary.GetProperty("finalRestakedGwei").GetInt64());
        Assert.Equal(["bridge-1", "oracle-1", "oracle-2", "da-1"], run.Summary.GetProperty("servicesCompromised").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain(run.Of("slash"), e => e.GetProperty("source").GetString() == "oracle-2");
        // DR24: no γ-slack at tick 0 — the cheapest feasible attack costs less than it yields (ρ ≤ 1).
        Assert.Equal(JsonValueKind.Null, run.Summary.GetProperty("dr24").GetProperty("gamma").ValueKind);
    }

    [Fact]
    public void Scenarios_without_a_captured_recipient_have_no_redistributed_to_attacker_figure()
    {
        Assert.False(ShippedScenario.Summary(ShippedScenario.Run("veto-slasher.json")).GetProperty("adversary").TryGetProperty("redistributedToAttackerGwei", out _));
    }
}
