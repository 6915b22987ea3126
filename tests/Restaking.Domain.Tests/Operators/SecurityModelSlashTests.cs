using Restaking.Domain.Cascade;
using Restaking.Domain.Operators;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Operators;

/// <summary>
/// One operator, 1000 ETH natively restaked, allocations 0.3 to service 0 and 0.5 to service 1; service 0 slashes it by
/// 50 %. The same request under each security model, computed by hand in each test. It is the single-operator core of
/// the security-model comparison (scenarios/security-models.json).
/// </summary>
public class SecurityModelSlashTests
{
    private const long Eth = Gwei.PerEth;

    private static OperatorState Operator(SecurityModel model) =>
        new(0, "op", model, [0, 1], [Wad.One * 3 / 10, Wad.One / 2], [new AssetPool(0, 1000 * Eth, 1000 * Eth)], [Wad.One], []);

    private static (OperatorState Op, CascadeContext Context) SlashHalfOnService0(SecurityModel model)
    {
        var op = Operator(model);
        var context = new CascadeContext(1, 0, EntityRef.Operator(0));
        op.Handle([new Envelope(EntityRef.Service(0), 0, new SlashingRequest(0, Wad.One / 2, SlashReason.Equivocation, "f", 1))], context);
        return (op, context);
    }

    [Fact]
    public void Pooled_takes_half_of_everything_and_both_services_see_it()
    {
        // SlashWhole: max magnitude 1 → 0.5, shares 1000 → 500; each service is backed by the whole 500.
        var (op, context) = SlashHalfOnService0(SecurityModel.Pooled);
        Assert.Equal(500 * Eth, op.ValueGwei);
        Assert.Equal([500 * Eth, 500 * Eth], op.Securing().Select(e => e.StakeGwei));
        Assert.Equal(500 * Eth, Assert.Single(context.Events).AmountGwei);
    }

    [Fact]
    public void Unique_stake_takes_half_of_the_allocation_only()
    {
        // ELIP-002: allocation 0.3 → 0.15, max 1 → 0.85, shares 1000 → 850. Service 0: 850 × 0.15 / 0.85 = 150;
        // service 1 keeps its absolute 850 × 0.5 / 0.85 = 500.
        var (op, context) = SlashHalfOnService0(SecurityModel.UniqueStake);
        Assert.Equal(850 * Eth, op.ValueGwei);
        Assert.Equal([150 * Eth, 500 * Eth], op.Securing().Select(e => e.StakeGwei));
        Assert.Equal(150 * Eth, Assert.Single(context.Events).AmountGwei);
    }

    [Fact]
    public void Symbiotic_full_restake_slashes_an_absolute_half_of_the_whole_collateral()
    {
        // FullRestakeDelegator with no limits: service 0 sees 1000; 50 % of it = 500 leaves the vault; both see 500.
        var (op, context) = SlashHalfOnService0(SecurityModel.SymbioticFullRestake);
        Assert.Equal(500 * Eth, op.ValueGwei);
        Assert.Equal([500 * Eth, 500 * Eth], op.Securing().Select(e => e.StakeGwei));
        Assert.Equal("wads=500000000000000000;amount_gwei=500000000000", Assert.Single(context.Events).Detail);
    }

    [Fact]
    public void Symbiotic_network_restake_slashes_within_the_limit_and_other_networks_keep_theirs_while_collateral_covers_them()
    {
        // NetworkRestakeDelegator: limits 300 and 500. Service 0 sees min(1000, 300) = 300; 50 % = 150 leaves the vault
        // (1000 → 850). Service 0 still sees min(850, 300) = 300 and service 1 min(850, 500) = 500.
        var (op, context) = SlashHalfOnService0(SecurityModel.SymbioticNetworkRestake);
        Assert.Equal(850 * Eth, op.ValueGwei);
        Assert.Equal([300 * Eth, 500 * Eth], op.Securing().Select(e => e.StakeGwei));
        Assert.Equal(150 * Eth, Assert.Single(context.Events).AmountGwei);
    }

    [Fact]
    public void Symbiotic_network_restake_cuts_every_network_once_the_collateral_falls_below_its_limit()
    {
        // Two full slashes of service 0 (300 each): 1000 → 700 → 400; service 1 then sees min(400, 500) = 400.
        var op = Operator(SecurityModel.SymbioticNetworkRestake);
        for (int i = 0; i < 2; i++)
            op.Handle([new Envelope(EntityRef.Service(0), 0, new SlashingRequest(0, Wad.One, SlashReason.RogueService, "f", 1))],
                new CascadeContext(1, i, EntityRef.Operator(0)));
        Assert.Equal(400 * Eth, op.ValueGwei);
        Assert.Equal([300 * Eth, 400 * Eth], op.Securing().Select(e => e.StakeGwei));
    }
}
