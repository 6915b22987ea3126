using Restaking.Domain.BaseChain;
using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Engine;
using Restaking.Domain.Operators;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;
using Restaking.Domain.Tokens;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Checkpoints;

/// <summary>Each entity's checkpoint: what it restores (checked by hand), that it round-trips to the same bytes, and
/// that bytes restored into the wrong entity are refused with a message naming both.</summary>
public class EntityCheckpointTests
{
    private static readonly ServiceKindRegistry Kinds = Restaking.ServiceKinds.BuiltInKinds.Registry();

    private static long Bips(long n) => Wad.One / 10_000 * n;

    /// <summary>The ELIP-002 example's operator: AVS_1 2000, AVS_2 2500, EigenDA 2000 of 10000, 200 ETH delegated.</summary>
    private static OperatorState Elip002Operator(string id = "op-x", int pools = 1) => new(0, id, SecurityModel.UniqueStake, [0, 1, 2],
        [Bips(2000), Bips(2500), Bips(2000)],
        Enumerable.Range(0, pools).Select(a => new AssetPool(a, Gwei.FromEth(200), Gwei.FromEth(200))).ToList(),
        [Wad.One, Wad.One], [EntityRef.Service(0), EntityRef.Service(1), EntityRef.Service(2), EntityRef.Adversary],
        new Restaking.Domain.Rewards.RewardTerms(Wad.One / 100 * 3, [Wad.One / 100, Wad.One / 100, Wad.One / 100], 86_400));

    private static CascadeContext Deliver(ICascadeParticipant entity, EntityRef self, int tick, CascadeMessage message)
    {
        var context = new CascadeContext(tick, 0, self);
        entity.Handle([new Envelope(EntityRef.Scheduler, 0, message)], context);
        return context;
    }

    [Fact]
    public void Operator_restores_its_magnitudes_shares_and_slashed_flag()
    {
        var slashed = Elip002Operator();
        // AVS_1 slashes 50 %: 1000 / 2500 / 2000, max 9000; 200 ETH → 180 ETH.
        Deliver(slashed, EntityRef.Operator(0), 2, new SlashingRequest(0, Wad.One / 2, SlashReason.Equivocation, "f", 1));
        byte[] bytes = slashed.Save();
        // Header: magic 4, version 4, "operator" 4 + 8, "op-x" 4 + 4 = 28. State: max magnitude 8, allocations 4 + 3 × 8,
        // shares 4 + 8, prices 4 + 8, slashed flag 1 = 61; rewards: accrued-to tick 4, base and service per pool 2 × (4 + 8),
        // paid per service 4 + 3 × 8 = 56; an empty withdrawal queue: its withdrawals 4, causes 4 and holders 4, queued deposit
        // shares 4 + 8, completed 4 + 8, max magnitude history 4, beacon chain factor 8 = 48; no staker cohorts 4.
        // Nothing immutable (ids, services, deposits, listeners, rates).
        Assert.Equal(28 + 61 + 56 + 48 + 4, bytes.Length);

        var fresh = Elip002Operator();
        Assert.Equal(Wad.One, fresh.MaxMagnitude);
        fresh.Restore(bytes);
        Assert.Equal(Bips(9000), fresh.MaxMagnitude);
        Assert.Equal(Bips(1000), fresh.Allocation(0));
        Assert.Equal(Bips(2500), fresh.Allocation(1));
        Assert.Equal(Bips(2000), fresh.Allocation(2));
        Assert.Equal(new AssetPool(0, Gwei.FromEth(180), Gwei.FromEth(200)), Assert.Single(fresh.Pools));
        Assert.Equal(Gwei.FromEth(180), fresh.ValueGwei);
        Assert.True(fresh.EverSlashed);
        // Two days at 200 ETH before the slash: base 200 × 3 % × 2 / 365, each service 1 % on its 40 / 50 / 40 ETH.
        Assert.Equal(2, fresh.Rewards.AccruedToTick);
        Assert.Equal([32_876_712], fresh.Rewards.BaseGwei);
        Assert.Equal([2_191_780 + 2_739_726 + 2_191_780], fresh.Rewards.ServiceGwei);
        Assert.Equal(bytes, fresh.Save());

        // From here both behave alike: AVS_2 slashes all of its 2500 → max 6500, 180 × 6500 / 9000 = 130 ETH.
        var a = Deliver(slashed, EntityRef.Operator(0), 3, new SlashingRequest(1, Wad.One, SlashReason.Attack, "g", 1));
        var b = Deliver(fresh, EntityRef.Operator(0), 3, new SlashingRequest(1, Wad.One, SlashReason.Attack, "g", 1));
        Assert.Equal(Gwei.FromEth(130), fresh.ValueGwei);
        Assert.Equal(a.Events, b.Events);
        Assert.Equal(slashed.Save(), fresh.Save());
    }

    [Fact]
    public void Base_chain_restores_the_slashings_vector_and_the_pending_correlation_penalty()
    {
        static BaseChainState Chain() => new(Gwei.FromEth(34_000_000), 86_400,
            [new ValidatorGroup("lido", EntityRef.Token(0), 1000, ElectraSlashing.ClassicEffectiveBalance)]);
        var chain = Chain();
        // Day 6 (epoch 6 × 86400 / 384 = 1350): 10 % of 1000 validators, and 1M ETH slashed elsewhere on the network.
        var wave = Deliver(chain, EntityRef.BaseChain, 6, new MassSlashing([], Wad.One / 10, Gwei.FromEth(1_000_000), "wave"));
        var initial = Assert.IsType<ValidatorPenalty>(Assert.Single(wave.Outbox).Envelope.Message);
        Assert.Equal(100 * (Gwei.FromEth(32) / 4096), initial.AmountGwei);

        var fresh = Chain();
        Assert.False(fresh.HasPenaltiesDue(30));
        fresh.Restore(chain.Save());
        Assert.Equal(100, fresh.Groups[0].Slashed);
        Assert.Equal(1, fresh.PendingPenalties);
        // Due at epoch 1350 + 4096 = 5446, i.e. day ceil(5446 × 384 / 86400) = 25.
        Assert.False(fresh.HasPenaltiesDue(24));
        Assert.True(fresh.HasPenaltiesDue(25));

        // Σ slashings = 100 × 32 + 1,000,000 ETH; adj = 3 × that; per increment = adj // 34,000,000; × 32 per validator.
        long perValidator = 3 * Gwei.FromEth(1_003_200) / 34_000_000 * 32;
        var due = Deliver(fresh, EntityRef.BaseChain, 25, new TickDue(TickSchedule.CorrelationPenaltyCause));
        var penalty = Assert.IsType<ValidatorPenalty>(Assert.Single(due.Outbox).Envelope.Message);
        Assert.Equal(100 * perValidator, penalty.AmountGwei);
        Assert.Equal("wave", penalty.Cause);
        Assert.Equal(EntityRef.Token(0), Assert.Single(due.Outbox).To);
        Assert.Equal(0, fresh.PendingPenalties);
        // The original, not restored, pays the very same penalty.
        var original = Deliver(chain, EntityRef.BaseChain, 25, new TickDue(TickSchedule.CorrelationPenaltyCause));
        Assert.Equal(penalty, Assert.Single(original.Outbox).Envelope.Message);
    }

    [Fact]
    public void Lrt_restores_its_drain_pool_factors_and_market_factor()
    {
        // 100 ETH deposited with operator 0, 100 tokens issued: NAV 1.
        static LiquidRestakingToken Lrt() => new(0, "lrt", Gwei.FromEth(100), [new LrtPosition(0, 0, Gwei.FromEth(100))],
            [new AssetPool(0, Gwei.FromEth(100), Gwei.FromEth(100))], [Wad.One], []);
        var lrt = Lrt();
        Deliver(lrt, EntityRef.Token(0), 1, new BackingDrained(0, Gwei.FromEth(30), "exploit", 1));
        Deliver(lrt, EntityRef.Token(0), 1, new PriceShock(Wad.One / 10, "panic"));
        Assert.Equal(Wad.One / 10 * 7, lrt.NavWad);

        var fresh = Lrt();
        fresh.Restore(lrt.Save());
        Assert.Equal(Wad.One / 10 * 7, fresh.NavWad);
        Assert.Equal(Wad.One / 10 * 9, fresh.MarketFactorWad);
        Assert.Equal(Wad.One / 100 * 63, fresh.PriceWad);
        // Its operator loses half: 50 ETH withdrawable, less the 30 drained = 20 ETH for 100 tokens.
        var halved = new OperatorStakeChanged(0, Gwei.FromEth(50), [], [new AssetPool(0, Gwei.FromEth(50), Gwei.FromEth(100))], "slash", 2);
        Deliver(fresh, EntityRef.Token(0), 2, halved);
        Deliver(lrt, EntityRef.Token(0), 2, halved);
        Assert.Equal(Wad.One / 5, fresh.NavWad);
        Assert.Equal(lrt.Save(), fresh.Save());
    }

    /// <summary>Quickstart after its cascade (tick 2) and base-chain wave (tick 6): every entity has moved.</summary>
    private static RunSession QuickstartAt(int tick)
    {
        var load = ScenarioLoader.Load(RepositoryFiles.Scenario("quickstart.json"), Kinds.Names);
        var session = new ReferenceEngine(Kinds).Start(load.Scenario!);
        while (session.NextTick < tick) session.RunTick();
        return session;
    }

    [Fact]
    public void Every_entity_and_the_recorder_save_restore_save_to_the_same_bytes()
    {
        var run = QuickstartAt(8);
        var fresh = QuickstartAt(0);
        int changed = 0;
        foreach (var entity in run.World.Entities)
        {
            byte[] saved = run.World[entity].Save();
            var into = fresh.World[entity];
            if (!into.Save().AsSpan().SequenceEqual(saved)) changed++;
            into.Restore(saved);
            Assert.Equal(saved, into.Save());
        }
        // The cascade touched the adversary, services, operators and tokens, and the wave the base chain.
        Assert.True(changed >= 8, $"only {changed} entities differ from tick 0");
        byte[] recorder = run.Recorder.Save();
        fresh.Recorder.Restore(recorder);
        Assert.Equal(recorder, fresh.Recorder.Save());
        Assert.Equal(run.Recorder.TimelineCsv, fresh.Recorder.TimelineCsv);
    }

    [Fact]
    public void Bytes_restored_into_the_wrong_entity_are_refused_clearly()
    {
        var world = QuickstartAt(3).World;
        byte[] opA = world.Operators[0].Save();

        var e = Assert.Throws<CheckpointFormatException>(() => world.Services[0].Restore(opA));
        Assert.Equal("checkpoint of operator 'op-a' cannot be restored into service 'bridge-1'", e.Message);
        e = Assert.Throws<CheckpointFormatException>(() => world.Operators[1].Restore(opA));
        Assert.Equal("checkpoint of operator 'op-a' cannot be restored into operator 'op-b'", e.Message);
        e = Assert.Throws<CheckpointFormatException>(() => world.Tokens[1].Restore(world.Tokens[0].Save()));
        Assert.Equal("checkpoint of lst 'steth' cannot be restored into lrt 'ezeth'", e.Message);
        e = Assert.Throws<CheckpointFormatException>(() => world.Adversary.Restore(world.BaseChain.Save()));
        Assert.Contains("base-chain", e.Message);
    }

    [Fact]
    public void Truncated_padded_or_other_version_bytes_are_refused()
    {
        var op = QuickstartAt(3).World.Operators[0];
        byte[] good = op.Save();
        Assert.Contains("malformed", Assert.Throws<CheckpointFormatException>(() => op.Restore(good[..^3])).Message);
        Assert.Contains("left over", Assert.Throws<CheckpointFormatException>(() => op.Restore([.. good, 0])).Message);
        byte[] future = [.. good];
        future[4] = Checkpoint.FormatVersion + 1;
        Assert.Contains("version", Assert.Throws<CheckpointFormatException>(() => op.Restore(future)).Message);
        Assert.Contains("not a checkpoint", Assert.Throws<CheckpointFormatException>(() => op.Restore([1, 2, 3])).Message);
        // Wrong headers fail before anything is touched; a failed body may leave the entity half restored, which the
        // good bytes then overwrite whole.
        op.Restore(good);
        Assert.Equal(good, op.Save());
    }

    [Fact]
    public void An_operator_checkpoint_from_another_world_shape_is_refused()
    {
        var e = Assert.Throws<CheckpointFormatException>(() => Elip002Operator(pools: 2).Restore(Elip002Operator(pools: 1).Save()));
        Assert.Equal("the checkpoint has 1 pools at operator op-x, this world has 2: it was saved from another scenario", e.Message);
    }
}
