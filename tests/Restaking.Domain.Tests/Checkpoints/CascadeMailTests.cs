using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;

namespace Restaking.Domain.Tests.Checkpoints;

/// <summary>Every cascade message type has a checkpoint form that reads back to an equal message.</summary>
public class CascadeMailTests
{
    /// <summary>One of each type, with distinct field values so a swapped field would show.</summary>
    private static readonly CascadeMessage[] Samples =
    [
        new EquivocationProven(3, "eq"),
        new RogueSlashing(123, "rogue"),
        new RogueSlashing(null, "rogue-default"),
        new OutageReported([1, 4, 9], "outage"),
        new BridgeDrained(77, "drain"),
        new MassSlashing([0, 2], 5, 6, "wave"),
        new PriceShock(8, "shock"),
        new TickDue("initial-state"),
        new SlashingRequest(2, 11, SlashReason.Outage, "outage", 1),
        new SlashingRequest(3, 12, SlashReason.RogueService, "rogue", 2, AmountGwei: 14, Recipient: "insurance-fund"),
        new SlashingRequest(3, 12, SlashReason.Equivocation, "veto", 2, AmountGwei: 14, CaptureTick: 5),
        new ValidatorPenalty("lido-validators", 13, "wave", 1),
        new OperatorStakeChanged(5, 17, [new SecuringStake(1, 19), new SecuringStake(3, 23)], [new AssetPool(0, 29, 31), new AssetPool(2, 37, 41)], "eq", 2),
        new TokenPriceChanged(1, 43, 47, "shock", 3),
        new TokenPriceChanged(0, 44, 48, "market", 2, [219_000_000_000_000_000, 933_000_000_000_000_000]),   // a market with venues
        new AttackLaunched(4, [2, 3], [5, 7, 8], "eq", 4),
        new ServiceCompromised(6, "drain", 5),
        new BackingDrained(9, 53, "drain", 6),
        new ExitWave(60_000_000_000_000, "exit-wave"),
        new CollateralSold(1, 6_500_000_000_000, "exit-wave", 3),
        new WithdrawalWave(300_000_000_000_000_000, 2, "withdrawal-wave"),
        new WithdrawalWave(700_000_000_000_000_000, null, "withdrawal-wave-all"),
        new Reallocation(3, 50_000_000_000_000_000, "reallocate"),
        new VaultLimitChange(1, null, 2_000_000_000_000, "curator-cut"),
        new VaultLimitChange(1, 4, 0, "curator-cut-op"),
        new StakerDeposit(4, "carol/deposit"),
        new StakerWithdrawal(5, "dave/withdrawal"),
        new PriceShock(9, "censorship") { Depth = 3 },   // a service kind's shock, deeper than a fault's
        new PluginFaultRaised(7, "censor-1"),
        new RedemptionsHalted(2, true, "attack", 3),
        new RedemptionsHalted(2, false, "resume", 4),
        new OraclePriceReported(1, 610_000_000_000_000_000, "attack", 2),
        new ServiceTermsChanged(4, 1_000_000_000_000, 400_000_000_000_000_000, "quorum", 1),
    ];

    [Fact]
    public void Every_message_type_has_a_sample()
    {
        var all = typeof(CascadeMessage).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CascadeMessage)) && !t.IsAbstract);
        Assert.Empty(all.Except(Samples.Select(s => s.GetType())));
    }

    [Fact]
    public void Mail_reads_back_equal_and_saves_to_the_same_bytes()
    {
        var mail = Samples.Select((m, i) => new Envelope(i % 2 == 0 ? EntityRef.Scheduler : EntityRef.Operator(i), 100 + i, m)).ToList();
        byte[] bytes = CascadeMail.Save("op-a", mail);
        var read = CascadeMail.Restore("op-a", bytes);
        Assert.Equal(mail.Count, read.Count);
        for (int i = 0; i < mail.Count; i++) Assert.Equivalent(mail[i], read[i], strict: true);
        Assert.Equal(bytes, CascadeMail.Save("op-a", read));
    }

    [Fact]
    public void Mail_for_one_entity_is_refused_for_another()
    {
        byte[] bytes = CascadeMail.Save("op-a", [new Envelope(EntityRef.Scheduler, 0, new TickDue("x"))]);
        var e = Assert.Throws<CheckpointFormatException>(() => CascadeMail.Restore("op-b", bytes));
        Assert.Equal("checkpoint of mail 'op-a' cannot be restored into mail 'op-b'", e.Message);
    }
}
