using Restaking.Domain.Adversary;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tests.Adversary;

public class AttackRulesTests
{
    /// <summary>RequiredStake is the least whole-gwei stake that MeetsThreshold accepts: the same rule in two forms.</summary>
    [Fact]
    public void Required_stake_is_the_exact_threshold_of_MeetsThreshold()
    {
        var rng = new DeterministicRandom(11);
        for (ulong i = 0; i < 2_000; i++)
        {
            var builder = new AttackNetworkBuilder(AttackCost.Pooled);
            long alpha = 1 + rng.NextBelow(Wad.One, 1, i);
            int s = builder.AddService(1, alpha);
            for (ulong v = 0; v < 3; v++)
                builder.AddEdge(builder.AddOperator(1 + rng.NextBelow(1_000_000_000_000_000, 2, i, v)), s);
            var net = builder.Build();
            long required = AttackRules.RequiredStake(net, s);
            Assert.True(AttackRules.MeetsThreshold(net, s, required), $"case {i}: {required} should meet α");
            Assert.False(AttackRules.MeetsThreshold(net, s, required - 1), $"case {i}: {required - 1} should not meet α");
        }
    }
}
