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
    private static readonly ServiceKindRegistry Kinds = Restaking.ServiceKinds.BuiltInKinds.Registry();

    /// <summary>The world of this class under <paramref name="model"/> with one vault (also for <see cref="SharedVaultCaptureTests"/>).</summary>
    internal static World BuildWorld(string model, string vault) => Build(model, vault);

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

/// <summary>
/// A shared vault and slashes captured before they execute (a veto slasher's requests), worked by hand against
/// symbioticfi/core: BaseSlasher <c>_slashableStake</c> (the delegator's stakeAt on the active stake at the capture, less what
/// the pair lost since; nothing once the capture is more than an epoch old), Vault <c>onSlash</c> with captureEpoch = current − 1
/// (withdrawals[current] reachable too), and the curator's <c>setNetworkLimit</c> / <c>setOperatorNetworkLimit</c> checkpointed in
/// time. The world of <see cref="SharedVaultTests"/>: 1000 ETH in one vault, op-0 600, op-1 300, op-2 100; daily ticks, so tick t
/// happens at 86,400·t + 1 and a capture at tick t reads the state at 86,400·t.
/// </summary>
public class SharedVaultCaptureTests
{
    private const long Eth = Gwei.PerEth;
    private const string EpochsOfTwoTicks = """{ "id": "v", "operators": [ "op-0", "op-1", "op-2" ], "epochTicks": 2 }""";
    private const string AllThree = """{ "id": "v", "operators": [ "op-0", "op-1", "op-2" ] }""";

    private static World Build(string model, string vault) => SharedVaultTests.BuildWorld(model, vault);

    private static CascadeContext Deliver(World world, int tick, CascadeMessage message, EntityRef? from = null)
    {
        var context = new CascadeContext(tick, 2, EntityRef.Vault(0));
        world.Vaults[0].Handle([new Envelope(from ?? EntityRef.BaseChain, 0, message)], context);
        return context;
    }

    /// <summary>A veto slasher's executed request, forwarded by <paramref name="op"/>: an absolute amount captured at <paramref name="captureTick"/>.</summary>
    private static CascadeContext Executed(World world, int tick, int op, int service, long amount, int captureTick) =>
        Deliver(world, tick, new SlashingRequest(service, Wad.One, SlashReason.Equivocation, "eq", 2, amount, CaptureTick: captureTick), EntityRef.Operator(op));

    private static long[] Amounts(CascadeContext context, CascadeEventKind kind) =>
        [.. context.Events.Where(e => e.Kind == kind).Select(e => e.AmountGwei)];

    private static long[] Stakes(CascadeContext context, int op) =>
        [.. context.Outbox.Where(o => o.To == EntityRef.Operator(op)).Select(o => (OperatorStakeChanged)o.Envelope.Message).Single().Securing.Select(e => e.StakeGwei)];

    [Fact]
    public void A_slash_captured_in_the_previous_epoch_also_takes_from_the_withdrawals_of_its_capture_epoch()
    {
        // Epochs of 2 ticks, full restake. Tick 1 (epoch 0): 30 % withdrawn → active 700, withdrawals[1] = 300. Tick 2 (epoch 1):
        // 10 % more → active 630, withdrawals[2] = 70.
        var world = Build("symbiotic-full-restake", EpochsOfTwoTicks);
        Deliver(world, 1, new WithdrawalWave(Wad.One * 3 / 10, null, "w1"));
        Deliver(world, 2, new WithdrawalWave(Wad.One / 10, null, "w2"));
        Assert.Equal((630 * Eth, 300 * Eth, 70 * Eth), (world.Vaults[0].ActiveStake, world.Vaults[0].Withdrawals(1), world.Vaults[0].Withdrawals(2)));

        // op-0's slash of 350, requested (captured) at tick 1, executes at tick 2. stakeAt(86,400) = min(activeStakeAt 1000, ∞, ∞)
        // = 1000 ≥ 350. onSlash with captureEpoch 0 = current 1 − 1: slashable = 630 + withdrawals[1] 300 + withdrawals[2] 70 =
        // 1000; activeSlashed = ⌊350 × 630 / 1000⌋ = 220.5, nextWithdrawalsSlashed = ⌊350 × 70 / 1000⌋ = 24.5, withdrawals[current]
        // the rest, 105. Each bucket keeps 0.65, so each operator's stakers lose 0.35 of active, current and next alike.
        var slash = Executed(world, 2, 0, 0, 350 * Eth, captureTick: 1);
        Assert.Equal((409_500_000_000L, 195 * Eth, 45_500_000_000L), (world.Vaults[0].ActiveStake, world.Vaults[0].Withdrawals(1), world.Vaults[0].Withdrawals(2)));
        Assert.Equal([132_300_000_000, 66_150_000_000, 22_050_000_000], Amounts(slash, CascadeEventKind.Slash));
        Assert.Equal([63 * Eth, 31_500_000_000, 10_500_000_000], Amounts(slash, CascadeEventKind.CaptureEpochWithdrawalSlashed));
        Assert.Equal([14_700_000_000, 7_350_000_000, 2_450_000_000], Amounts(slash, CascadeEventKind.VaultWithdrawalSlashed));
        Assert.Equal("vault=v;slashed_operator=op-0;wads=1000000000000000000;amount_gwei=350000000000;capture_tick=1;capture_epoch=0;epoch=1;"
            + "stake_at_capture_gwei=1000000000000;requested_gwei=350000000000", slash.Events[0].Detail);
    }

    [Fact]
    public void A_capture_is_measured_at_its_own_stake_less_what_the_pair_lost_since_and_lapses_once_nothing_is_left()
    {
        // Tick 1: 30 % withdrawn (active 700, withdrawals[1] 300). A request captured at tick 1 reads activeStakeAt(86,400) = 1000,
        // before the withdrawal: 950 is slashable although op-0's stake is now 700. Captured in the current epoch 0, onSlash
        // spreads it over 700 + withdrawals[1] 300: ⌊950 × 700 / 1000⌋ = 665 from the active stake, 285 from withdrawals[1].
        var world = Build("symbiotic-full-restake", EpochsOfTwoTicks);
        Deliver(world, 1, new WithdrawalWave(Wad.One * 3 / 10, null, "w"));
        var first = Executed(world, 1, 0, 0, 950 * Eth, captureTick: 1);
        Assert.Equal(665 * Eth, Amounts(first, CascadeEventKind.Slash).Sum());
        Assert.Equal(285 * Eth, Amounts(first, CascadeEventKind.VaultWithdrawalSlashed).Sum());
        Assert.Equal((35 * Eth, 15 * Eth), (world.Vaults[0].ActiveStake, world.Vaults[0].Withdrawals(1)));

        // The same capture again: 1000 − min(cumulativeSlash 950 − cumulativeSlashAt(86,400) 0, 1000) = 50 of the 100 asked.
        var second = Executed(world, 1, 0, 0, 100 * Eth, captureTick: 1);
        Assert.Equal(50 * Eth, Amounts(second, CascadeEventKind.Slash).Sum() + Amounts(second, CascadeEventKind.VaultWithdrawalSlashed).Sum());
        // Nothing left for that capture: executeSlash would revert InsufficientSlash; no pool moves, no operator is told.
        var third = Executed(world, 1, 0, 0, 10 * Eth, captureTick: 1);
        var lapse = Assert.Single(third.Events);
        Assert.Equal((CascadeEventKind.SlashLapsed, 10 * Eth, "vault=v;capture_tick=1;revert=InsufficientSlash"), (lapse.Kind, lapse.AmountGwei, lapse.Detail));
        Assert.Empty(third.Outbox);
    }

    [Fact]
    public void A_capture_more_than_one_epoch_old_gets_nothing()
    {
        // Epochs of 2 ticks = 172,800 s. Captured at tick 0 (timestamp 0), executed at tick 2 (172,801): now − capture > epochDuration,
        // so _slashableStake is 0 (executeSlash: SlashPeriodEnded). At tick 1 (86,401) the same capture is still slashable.
        var world = Build("symbiotic-full-restake", EpochsOfTwoTicks);
        var late = Executed(world, 2, 0, 0, 100 * Eth, captureTick: 0);
        Assert.Equal("vault=v;capture_tick=0;revert=SlashPeriodEnded", Assert.Single(late.Events).Detail);
        Assert.Equal(1000 * Eth, world.Vaults[0].ActiveStake);
        Assert.Equal(100 * Eth, Amounts(Executed(world, 1, 0, 0, 100 * Eth, captureTick: 0), CascadeEventKind.Slash).Sum());
    }

    [Fact]
    public void A_curator_cut_moves_every_stake_at_once_and_a_capture_before_it_still_reads_the_old_limit()
    {
        // Network restake defaults: oracle-a limit 320 (shares op-0 300, op-2 20). setNetworkLimit(oracle-a, 160) at tick 1:
        // op-0 ⌊300 × min(1000, 160) / 320⌋ = 150, op-2 ⌊20 × 160 / 320⌋ = 10. op-1 (da-b only) hears nothing.
        var world = Build("symbiotic-network-restake", AllThree);
        var cut = Deliver(world, 1, new VaultLimitChange(0, null, 160 * Eth, "cut"));
        var set = Assert.Single(cut.Events);
        Assert.Equal((CascadeEventKind.VaultLimitSet, EntityRef.Vault(0), EntityRef.Service(0), 160 * Eth), (set.Kind, set.Source, set.Target, set.AmountGwei));
        Assert.Equal("vault=v;network=oracle-a;previous_gwei=320000000000", set.Detail);
        Assert.Equal([EntityRef.Operator(0), EntityRef.Operator(2)], cut.Outbox.Select(o => o.To));
        Assert.Equal([150 * Eth], Stakes(cut, 0));
        Assert.Equal([10 * Eth, 50 * Eth], Stakes(cut, 2));

        // A request captured at tick 1 (86,400, before the cut at 86,401) executes at tick 2: networkLimitAt(86,400) = 320, so
        // stakeAt = 300 and all 300 asked are slashed, twice what op-0 sees now.
        Assert.Equal(300 * Eth, Amounts(Executed(world, 2, 0, 0, 300 * Eth, captureTick: 1), CascadeEventKind.Slash).Sum());

        // Captured at its own tick after the cut (an instant slash of 100 %): 150.
        var after = Build("symbiotic-network-restake", AllThree);
        Deliver(after, 1, new VaultLimitChange(0, null, 160 * Eth, "cut"));
        var instant = Deliver(after, 2, new SlashingRequest(0, Wad.One, SlashReason.Equivocation, "eq", 2), EntityRef.Operator(0));
        Assert.Equal(150 * Eth, Amounts(instant, CascadeEventKind.Slash).Sum());
    }

    [Fact]
    public void Under_full_restake_the_curator_can_limit_one_operator_for_one_network()
    {
        // FullRestakeDelegator.setOperatorNetworkLimit(oracle-a, op-0, 250): op-0 sees min(1000, ∞, 250) = 250; op-2, also on
        // oracle-a, keeps min(1000, ∞, ∞) = 1000, so only op-0 is told.
        var world = Build("symbiotic-full-restake", AllThree);
        var cut = Deliver(world, 1, new VaultLimitChange(0, 0, 250 * Eth, "cut-op-0"));
        Assert.Equal("vault=v;network=oracle-a;operator=op-0;previous_gwei=unlimited", Assert.Single(cut.Events).Detail);
        Assert.Equal([EntityRef.Operator(0)], cut.Outbox.Select(o => o.To));
        Assert.Equal([250 * Eth], Stakes(cut, 0));

        // A network-restake vault has operator shares, not operator limits (the loader refuses such a fault).
        var restake = Build("symbiotic-network-restake", AllThree);
        Assert.Throws<InvalidOperationException>(() => Deliver(restake, 1, new VaultLimitChange(0, 0, 250 * Eth, "cut-op-0")));
    }

    [Fact]
    public void Limits_captures_and_slashes_so_far_come_back_from_a_checkpoint()
    {
        // A cut, a withdrawal and a captured slash; then the fresh vault must read the same limit at the old capture, the same
        // active stake at it, and the same slash already taken from the pair.
        var world = Build("symbiotic-network-restake", EpochsOfTwoTicks);
        Deliver(world, 1, new VaultLimitChange(0, null, 160 * Eth, "cut"));
        Deliver(world, 1, new WithdrawalWave(Wad.One / 5, null, "w"));
        Executed(world, 2, 0, 0, 100 * Eth, captureTick: 1);
        var saved = world.Vaults[0].Save();

        var fresh = Build("symbiotic-network-restake", EpochsOfTwoTicks);
        fresh.Vaults[0].Restore(saved);
        Assert.Equal(saved, fresh.Vaults[0].Save());
        Assert.Equal(160 * Eth, fresh.Vaults[0].Delegator.NetworkLimit("oracle-a"));
        Assert.Equal(320 * Eth, fresh.Vaults[0].Delegator.NetworkLimitAt("oracle-a", 86_400));

        // The same capture again, still within its epoch: stakeAt(86,400) = 300 (limit 320, active 1000 then) − 100 already
        // slashed = 200 of the 250 asked.
        var a = Executed(world, 2, 0, 0, 250 * Eth, captureTick: 1);
        var b = Executed(fresh, 2, 0, 0, 250 * Eth, captureTick: 1);
        Assert.Equal(200 * Eth, Amounts(a, CascadeEventKind.Slash).Sum() + Amounts(a, CascadeEventKind.VaultWithdrawalSlashed).Sum()
            + Amounts(a, CascadeEventKind.CaptureEpochWithdrawalSlashed).Sum());
        Assert.Equal(a.Events, b.Events);
        Assert.Equal(world.Vaults[0].Save(), fresh.Vaults[0].Save());
    }
}
