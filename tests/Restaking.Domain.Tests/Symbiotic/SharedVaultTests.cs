using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Engine;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;
using Restaking.Domain.Symbiotic;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Symbiotic;

/// <summary>
/// A vault shared by three operators, worked by hand against symbioticfi/core: Vault.sol <c>onSlash</c> (an absolute
/// amount, capped at the slashable stake, taken pro rata; with no withdrawals pending all of it from the active stake),
/// FullRestakeDelegator and NetworkRestakeDelegator <c>_stakeAt</c>. op-0 holds 600 ETH and allocates 0.5 to oracle-a;
/// op-1 holds 300 and allocates 0.4 to da-b; op-2 holds 100 and allocates 0.2 to oracle-a and 0.5 to da-b. The vault's
/// collateral is 1000 ETH.
/// </summary>
public class SharedVaultTests
{
    private const long Eth = Gwei.PerEth;
    private static readonly ServiceKindRegistry Kinds = ServiceKindRegistry.CreateDefault();

    private static World Build(string model, string vault, string op1Asset = "eth") => World.Build(ScenarioExpansion.Expand(Load($$"""
        { "name": "shared-vault", "seed": 1, "ticks": { "count": 3, "seconds": 86400 }, "securityModel": "{{model}}",
          "adversary": { "search": "off" }, "baseChain": { "totalActiveBalanceEth": 1000000 },
          "tokens": [ { "id": "steth", "type": "lst", "supplyEth": 100000 } ],
          "services": [ { "id": "oracle-a", "kind": "oracle", "valueAtRiskEth": 100 }, { "id": "da-b", "kind": "da-layer", "valueAtRiskEth": 100 } ],
          "operators": [
            { "id": "op-0", "allocations": [ { "service": "oracle-a", "magnitude": 0.5 } ] },
            { "id": "op-1", "allocations": [ { "service": "da-b", "magnitude": 0.4 } ] },
            { "id": "op-2", "allocations": [ { "service": "oracle-a", "magnitude": 0.2 }, { "service": "da-b", "magnitude": 0.5 } ] } ],
          "stakers": [
            { "id": "s-0", "operator": "op-0", "asset": "eth", "amountEth": 600 },
            { "id": "s-1", "operator": "op-1", "asset": "{{op1Asset}}", "amountEth": 300 },
            { "id": "s-2", "operator": "op-2", "asset": "eth", "amountEth": 100 } ],
          "vaults": [ {{vault}} ] }
        """)), Kinds);

    private static Scenario Load(string json)
    {
        var load = ScenarioLoader.LoadFromText("shared-vault.json", json, Kinds.Names);
        Assert.True(load.IsValid, string.Join("\n", load.Errors));
        return load.Scenario!;
    }

    private const string AllThree = """{ "id": "v", "operators": [ "op-0", "op-1", "op-2" ] }""";

    /// <summary>Requests the vault's operators forward, applied in one round.</summary>
    private static CascadeContext Slash(World world, params (int Operator, int Service, long Wads)[] requests) => SlashAt(world, 1, requests);

    private static CascadeContext SlashAt(World world, int tick, params (int Operator, int Service, long Wads)[] requests)
    {
        var context = new CascadeContext(tick, 2, EntityRef.Vault(0));
        world.Vaults[0].Handle(requests.Select((r, i) =>
            new Envelope(EntityRef.Operator(r.Operator), i, new SlashingRequest(r.Service, r.Wads, SlashReason.RogueService, "f", 2))).ToList(), context);
        return context;
    }

    private static List<OperatorStakeChanged> Updates(CascadeContext context) =>
        context.Outbox.Select(o => (OperatorStakeChanged)o.Envelope.Message).ToList();

    private static long[] Stakes(OperatorStakeChanged update) => [.. update.Securing.Select(e => e.StakeGwei)];

    [Fact]
    public void Full_restake_without_limits_gives_every_operator_the_whole_collateral_and_one_slash_takes_it_from_all()
    {
        // FullRestakeDelegator._stakeAt = min(activeStake, networkLimit, operatorNetworkLimit) with no limits set: 1000 for
        // every (network, operator). oracle-a slashes op-0 by 50 % of 1000 = 500 (absolute); onSlash takes min(500, 1000)
        // from the active stake, so every operator's pools keep 500/1000: 300, 150, 50. Every stake is then 500.
        var world = Build("symbiotic-full-restake", AllThree);
        Assert.Equal([1000 * Eth], world.Operators[0].Securing().Select(e => e.StakeGwei));
        Assert.Equal([1000 * Eth, 1000 * Eth], world.Operators[2].Securing().Select(e => e.StakeGwei));

        var context = Slash(world, (0, 0, Wad.One / 2));

        Assert.Equal(500 * Eth, world.Vaults[0].ActiveStake);
        Assert.Equal([300 * Eth, 150 * Eth, 50 * Eth], context.Events.Select(e => e.AmountGwei));
        Assert.All(context.Events, e => Assert.Equal(EntityRef.Service(0), e.Source));
        Assert.Equal("vault=v;slashed_operator=op-0;wads=500000000000000000;amount_gwei=500000000000", context.Events[1].Detail);
        // Every operator of the vault hears of its new pools and stakes, op-1 and op-2 although only op-0 was slashed.
        var updates = Updates(context);
        Assert.Equal([EntityRef.Operator(0), EntityRef.Operator(1), EntityRef.Operator(2)], context.Outbox.Select(o => o.To));
        Assert.Equal([300 * Eth, 150 * Eth, 50 * Eth], updates.Select(u => u.Pools.Single().Shares));
        Assert.Equal([500 * Eth, 500 * Eth], Stakes(updates[2]));
        Assert.All(updates, u => Assert.Equal(3, u.Depth));
    }

    [Fact]
    public void Full_restake_limits_cap_each_pair_until_the_collateral_falls_below_them()
    {
        // networkLimit(da-b) = 400, operatorNetworkLimit(da-b, op-1) = 250: op-1 sees min(1000, 400, 250) = 250 and op-2
        // min(1000, 400, ∞) = 400. oracle-a slashes op-0 by 70 % of 1000 = 700: collateral 300, pools 180, 90, 30;
        // op-1 keeps min(300, 400, 250) = 250, op-2 falls to min(300, 400) = 300 on da-b and oracle-a.
        var world = Build("symbiotic-full-restake",
            """{ "id": "v", "operators": [ "op-0", "op-1", "op-2" ], "networkLimits": { "da-b": 400 }, "operatorNetworkLimits": { "op-1": { "da-b": 250 } } }""");
        Assert.Equal([250 * Eth], world.Operators[1].Securing().Select(e => e.StakeGwei));
        Assert.Equal([1000 * Eth, 400 * Eth], world.Operators[2].Securing().Select(e => e.StakeGwei));

        var updates = Updates(Slash(world, (0, 0, Wad.One * 7 / 10)));

        Assert.Equal([180 * Eth, 90 * Eth, 30 * Eth], updates.Select(u => u.Pools.Single().Shares));
        Assert.Equal([250 * Eth], Stakes(updates[1]));
        Assert.Equal([300 * Eth, 300 * Eth], Stakes(updates[2]));
    }

    [Fact]
    public void Network_restake_defaults_are_the_allocations_and_co_operators_lose_stake_once_the_collateral_is_below_a_limit()
    {
        // Defaults: shares = value × allocation: oracle-a op-0 300, op-2 20 (limit 320); da-b op-1 120, op-2 50 (limit 170).
        // NetworkRestakeDelegator._stakeAt = ⌊shares × min(active, limit) / totalShares⌋: at tick 0 each operator sees
        // exactly what it allocated.
        var world = Build("symbiotic-network-restake", AllThree);
        Assert.Equal([300 * Eth], world.Operators[0].Securing().Select(e => e.StakeGwei));
        Assert.Equal([120 * Eth], world.Operators[1].Securing().Select(e => e.StakeGwei));
        Assert.Equal([20 * Eth, 50 * Eth], world.Operators[2].Securing().Select(e => e.StakeGwei));

        // oracle-a slashes op-0 by 100 % of 300: 1000 → 700, pools 420, 210, 70 (op-1 and op-2's stakers pay 30 %).
        // 700 still covers both limits: no stake moves, but every operator's pools did.
        var first = Slash(world, (0, 0, Wad.One));
        Assert.Equal([180 * Eth, 90 * Eth, 30 * Eth], first.Events.Select(e => e.AmountGwei));
        var updates = Updates(first);
        Assert.Equal(3, updates.Count);
        Assert.Equal([120 * Eth], Stakes(updates[1]));

        // Two more: 700 → 400 → 100. Now min(100, 320) and min(100, 170) bind: oracle-a op-0 ⌊300 × 100 / 320⌋ = 93.75,
        // op-2 6.25; da-b op-1 ⌊120e9 × 100e9 / 170e9⌋ = 70.588235294, op-2 ⌊50e9 × 100e9 / 170e9⌋ = 29.411764705 ETH.
        Slash(world, (0, 0, Wad.One));
        updates = Updates(Slash(world, (0, 0, Wad.One)));
        Assert.Equal(100 * Eth, world.Vaults[0].ActiveStake);
        Assert.Equal([93_750_000_000L], Stakes(updates[0]));
        Assert.Equal([70_588_235_294L], Stakes(updates[1]));
        Assert.Equal([6_250_000_000L, 29_411_764_705L], Stakes(updates[2]));
        Assert.Equal([60 * Eth, 30 * Eth, 10 * Eth], updates.Select(u => u.Pools.Single().Shares));
    }

    [Fact]
    public void Slashes_of_one_round_apply_one_after_another_on_what_the_previous_left()
    {
        // Network restake: op-0 on oracle-a (300 of 1000 → 700), then op-2 on da-b: its stake on 700 is still
        // ⌊50 × min(700, 170) / 170⌋ = 50, so 700 → 650 and the pools are 390, 195, 65 — not 1000 × 0.7 × 0.95.
        var world = Build("symbiotic-network-restake", AllThree);
        var context = Slash(world, (0, 0, Wad.One), (2, 1, Wad.One));
        Assert.Equal(650 * Eth, world.Vaults[0].ActiveStake);
        Assert.Equal([180 * Eth, 90 * Eth, 30 * Eth, 30 * Eth, 15 * Eth, 5 * Eth], context.Events.Select(e => e.AmountGwei));
        Assert.Equal([390 * Eth, 195 * Eth, 65 * Eth], Updates(context).Select(u => u.Pools.Single().Shares));

        // Full restake: op-0's slash on oracle-a takes all 1000; op-2's on da-b then finds a stake of 0 and takes nothing.
        world = Build("symbiotic-full-restake", AllThree);
        context = Slash(world, (0, 0, Wad.One), (2, 1, Wad.One));
        Assert.Equal(0, world.Vaults[0].ActiveStake);
        Assert.Equal([600 * Eth, 300 * Eth, 100 * Eth], context.Events.Select(e => e.AmountGwei));
    }

    [Fact]
    public void The_vault_hears_prices_as_a_holder_and_moves_every_operators_stake()
    {
        // op-1 holds 300 stETH. At 0.9 the collateral is 600 + 270 + 100 = 970; under full restake every stake is 970,
        // so op-0 and op-2 hear of it too, though their own pools did not move.
        var world = Build("symbiotic-full-restake", AllThree, op1Asset: "steth");
        var context = new CascadeContext(1, 1, EntityRef.Vault(0));
        world.Vaults[0].Handle([new Envelope(EntityRef.Token(0), 0, new TokenPriceChanged(0, Wad.One * 9 / 10, Wad.One * 9 / 10, "shock", 1))], context);

        var updates = Updates(context);
        Assert.Equal([970 * Eth, 970 * Eth, 970 * Eth, 970 * Eth], updates.SelectMany(Stakes));
        Assert.Equal([600 * Eth, 270 * Eth, 100 * Eth], updates.Select(u => u.ValueGwei));
        Assert.Empty(context.Events);
    }

    [Fact]
    public void An_operator_of_the_vault_forwards_its_slashes_and_tells_its_listeners_what_the_vault_answers()
    {
        var world = Build("symbiotic-full-restake", AllThree);
        var op = world.Operators[2];

        // The request goes on to the vault one hop deeper; the operator itself changes nothing yet.
        var forward = new CascadeContext(1, 1, EntityRef.Operator(2));
        op.Handle([new Envelope(EntityRef.Service(1), 0, new SlashingRequest(1, Wad.One / 2, SlashReason.Equivocation, "f", 1))], forward);
        var sent = Assert.Single(forward.Outbox);
        Assert.Equal(EntityRef.Vault(0), sent.To);
        Assert.Equal(new SlashingRequest(1, Wad.One / 2, SlashReason.Equivocation, "f", 2), sent.Envelope.Message);
        Assert.Equal(100 * Eth, op.ValueGwei);

        // The vault's answer (op-2 at 50 %): op-2 adopts it and tells its services and the adversary.
        var answer = Updates(Slash(world, (2, 1, Wad.One / 2)))[2];
        var notify = new CascadeContext(1, 3, EntityRef.Operator(2));
        op.Handle([new Envelope(EntityRef.Vault(0), 2, answer)], notify);
        Assert.Equal(50 * Eth, op.ValueGwei);
        Assert.True(op.EverSlashed);
        Assert.Equal([500 * Eth, 500 * Eth], op.Securing().Select(e => e.StakeGwei));
        Assert.Equal([EntityRef.Service(0), EntityRef.Service(1), EntityRef.Adversary], notify.Outbox.Select(o => o.To));
        var notice = (OperatorStakeChanged)notify.Outbox[0].Envelope.Message;
        Assert.Equal((2, 50 * Eth, answer.Depth + 1), (notice.Operator, notice.ValueGwei, notice.Depth));

        // Only its own vault speaks for it.
        Assert.Throws<InvalidOperationException>(() =>
            op.Handle([new Envelope(EntityRef.Operator(1), 0, answer)], new CascadeContext(1, 4, EntityRef.Operator(2))));
    }

    [Fact]
    public void A_vault_checkpoint_restores_into_a_fresh_world()
    {
        var world = Build("symbiotic-network-restake", AllThree);
        Slash(world, (0, 0, Wad.One), (2, 1, Wad.One / 3));
        var saved = world.Vaults[0].Save();
        var operatorSaved = world.Operators[2].Save();

        var fresh = Build("symbiotic-network-restake", AllThree);
        fresh.Vaults[0].Restore(saved);
        fresh.Operators[2].Restore(operatorSaved);
        Assert.Equal(saved, fresh.Vaults[0].Save());
        Assert.Equal(world.Vaults[0].ActiveStake, fresh.Vaults[0].ActiveStake);
        Assert.Equal(operatorSaved, fresh.Operators[2].Save());
    }

    [Fact]
    public void Pooled_and_unique_stake_build_no_vault()
    {
        Assert.Empty(Build("pooled", AllThree).Vaults);
        Assert.Empty(Build("unique-stake", AllThree).Vaults);
        Assert.Null(Build("unique-stake", AllThree).Operators[0].SharedVault);
    }

    private const string WithEpochsOfTwoTicks = """{ "id": "v", "operators": [ "op-0", "op-1", "op-2" ], "epochTicks": 2 }""";

    /// <summary>A message from the schedule (a fault or a wake-up) to the vault at <paramref name="tick"/>.</summary>
    private static CascadeContext Deliver(World world, int tick, CascadeMessage message)
    {
        var context = new CascadeContext(tick, 0, EntityRef.Vault(0));
        world.Vaults[0].Handle([new Envelope(EntityRef.BaseChain, 0, message)], context);
        return context;
    }

    private static long[] Amounts(CascadeContext context, CascadeEventKind kind) =>
        [.. context.Events.Where(e => e.Kind == kind).Select(e => e.AmountGwei)];

    [Fact]
    public void A_pending_withdrawal_takes_its_pro_rata_share_of_a_slash_in_its_epoch_and_is_claimed_with_what_is_left()
    {
        // Epochs of 2 ticks. Vault.withdraw at tick 1 (epoch 0) of 30 % of every pool: the active stake falls 1000 → 700
        // (pools 420, 210, 70) and withdrawals[0 + 1] = 180 + 90 + 30 = 300. Every operator's stake falls with it
        // (full restake: min(active, ∞) = 700), so all three hear of it; their stakers' total stays 600, 300, 100.
        var world = Build("symbiotic-full-restake", WithEpochsOfTwoTicks);
        var withdrawal = Deliver(world, 1, new WithdrawalWave(Wad.One * 3 / 10, null, "w"));
        Assert.Equal(700 * Eth, world.Vaults[0].ActiveStake);
        Assert.Equal(300 * Eth, world.Vaults[0].Withdrawals(1));
        Assert.Equal([180 * Eth, 90 * Eth, 30 * Eth], Amounts(withdrawal, CascadeEventKind.VaultWithdrawalRequested));
        var told = Updates(withdrawal);
        Assert.Equal([700 * Eth, 700 * Eth, 700 * Eth, 700 * Eth], told.SelectMany(Stakes));
        Assert.Equal([(600 * Eth, 180 * Eth), (300 * Eth, 90 * Eth), (100 * Eth, 30 * Eth)], told.Select(u => (u.Pools.Single().Shares, u.Pools.Single().Withdrawn)));

        // Tick 1, still epoch 0: oracle-a slashes op-0 by 50 % of 700 = 350. Vault.onSlash, capture in the current epoch:
        // slashable = active + withdrawals[current + 1] = 700 + 300 = 1000; activeSlashed = ⌊350 × 700 / 1000⌋ = 245,
        // nextWithdrawalsSlashed = 350 − 245 = 105. Every pool and every pending withdrawal keeps 0.65.
        var slash = Slash(world, (0, 0, Wad.One / 2));
        Assert.Equal(455 * Eth, world.Vaults[0].ActiveStake);
        Assert.Equal(195 * Eth, world.Vaults[0].Withdrawals(1));
        Assert.Equal([147 * Eth, 73_500_000_000, 24_500_000_000], Amounts(slash, CascadeEventKind.Slash));
        Assert.Equal([63 * Eth, 31_500_000_000, 10_500_000_000], Amounts(slash, CascadeEventKind.VaultWithdrawalSlashed));
        // Each operator's stakers: active 273 + pending 117 = 390 = 600 × 0.65, as if no one had withdrawn.
        Assert.Equal([(390 * Eth, 117 * Eth), (195 * Eth, 58_500_000_000), (65 * Eth, 19_500_000_000)],
            Updates(slash).Select(u => (u.Pools.Single().Shares, u.Pools.Single().Withdrawn)));

        // Vault.claim needs epoch 1 < currentEpoch: at tick 3 (epoch 1) nothing is claimable; at tick 4 = (0 + 2) × 2 it is.
        Assert.Empty(Deliver(world, 3, new TickDue("w")).Events);
        var claim = Deliver(world, 4, new TickDue("w"));
        Assert.Equal([117 * Eth, 58_500_000_000, 19_500_000_000], Amounts(claim, CascadeEventKind.VaultWithdrawalClaimed));
        Assert.Equal(0, world.Vaults[0].Withdrawals(1));
        Assert.Empty(claim.Outbox);   // claimed or pending, it is the stakers' either way: no operator's pools move
    }

    [Fact]
    public void Once_its_epoch_is_the_current_one_a_pending_withdrawal_is_out_of_reach_of_slashes_captured_now()
    {
        // Requested at tick 1 (epoch 0), it waits in withdrawals[1]. At tick 2 (epoch 1) a slash captured in epoch 1 sees
        // active + withdrawals[2] = 700 + 0 (Vault.onSlash: withdrawals[current] were requested before the capture epoch):
        // 50 % of 700 = 350 comes from the active stake alone and the 300 pending stay whole.
        var world = Build("symbiotic-full-restake", WithEpochsOfTwoTicks);
        Deliver(world, 1, new WithdrawalWave(Wad.One * 3 / 10, null, "w"));
        var slash = SlashAt(world, 2, (0, 0, Wad.One / 2));
        Assert.Equal(350 * Eth, world.Vaults[0].ActiveStake);
        Assert.Equal(300 * Eth, world.Vaults[0].Withdrawals(1));
        Assert.Empty(Amounts(slash, CascadeEventKind.VaultWithdrawalSlashed));
        Assert.Equal(350 * Eth, Amounts(slash, CascadeEventKind.Slash).Sum());
    }

    [Fact]
    public void Pending_and_claimed_withdrawals_come_back_from_a_checkpoint()
    {
        var world = Build("symbiotic-full-restake", WithEpochsOfTwoTicks);
        Deliver(world, 1, new WithdrawalWave(Wad.One * 3 / 10, null, "w"));
        Slash(world, (0, 0, Wad.One / 2));
        var saved = world.Vaults[0].Save();

        var restored = Build("symbiotic-full-restake", WithEpochsOfTwoTicks);
        restored.Vaults[0].Restore(saved);
        Assert.Equal(saved, restored.Vaults[0].Save());
        Assert.Equal(195 * Eth, restored.Vaults[0].Withdrawals(1));
        Assert.Equal([117 * Eth, 58_500_000_000, 19_500_000_000],
            Amounts(Deliver(restored, 4, new TickDue("w")), CascadeEventKind.VaultWithdrawalClaimed));
    }
}
