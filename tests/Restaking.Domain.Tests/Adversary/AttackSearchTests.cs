using Restaking.Domain.Adversary;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Adversary;

public class AttackSearchTests
{
    /// <summary>Component 1: one service, 2 operators of 10 ETH, α = 1/2, π = 15 ETH (B = one operator, gain 5 ETH).
    /// Component 2: one service, 5 operators of 10 ETH, α = 1/2, π = 40 ETH (B = 3 operators, gain 10 ETH).</summary>
    private static AttackNetwork TwoComponents()
    {
        var b = new AttackNetworkBuilder(AttackCost.Pooled);
        var small = b.AddService(Gwei.FromEth(15), Wad.One / 2);
        var large = b.AddService(Gwei.FromEth(40), Wad.One / 2);
        for (var i = 0; i < 2; i++) b.AddEdge(b.AddOperator(Gwei.FromEth(10)), small);
        for (var i = 0; i < 5; i++) b.AddEdge(b.AddOperator(Gwei.FromEth(10)), large);
        return b.Build();
    }

    [Fact]
    public void Auto_mixes_exact_and_heuristic_per_component()
    {
        var net = TwoComponents();
        var result = AttackSearch.Find(net, AttackSearchMode.Auto, exactMaxOperators: 3);
        Assert.Equal("exact+heuristic", result.Method);
        Assert.NotNull(result.Attack);
        Assert.True(AttackRules.IsFeasible(net, result.Attack));
        Assert.Equal(Gwei.FromEth(15), result.Attack.Gain);
        Assert.Equal("exact", AttackSearch.Find(net, AttackSearchMode.Auto, exactMaxOperators: 5).Method);
        Assert.Equal("heuristic", AttackSearch.Find(net, AttackSearchMode.Auto, exactMaxOperators: 1).Method);
    }

    [Fact]
    public void Off_finds_nothing_and_exact_respects_its_limit()
    {
        var net = TwoComponents();
        Assert.Equal(new AttackSearchResult(null, "off"), AttackSearch.Find(net, AttackSearchMode.Off, 16));
        Assert.Throws<InvalidOperationException>(() => AttackSearch.Find(net, AttackSearchMode.Exact, 3));
        Assert.Equal(Gwei.FromEth(15), AttackSearch.Find(net, AttackSearchMode.Exact, 16).Attack?.Gain);
    }
}
