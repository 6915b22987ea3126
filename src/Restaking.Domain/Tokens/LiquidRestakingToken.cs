using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.EigenLayer;
using Restaking.Domain.Markets;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Tokens;

/// <summary>
/// An LRT (ezETH, weETH, rsETH …): a staker that deposits ETH or LSTs with several operators and issues a token
/// against them. Its backing is what those positions can withdraw (deposit × the pool's cumulative factor, valued at
/// the asset's price), so a slash of any of its operators reaches its NAV in the next round.
/// </summary>
public sealed class LiquidRestakingToken : LiquidToken
{
    private readonly LrtPosition[] positions;
    private readonly AssetPool[] pools;
    private readonly long[] assetPrices;
    private long drained;

    public LiquidRestakingToken(int index, string id, long supplyGwei, IReadOnlyList<LrtPosition> positions,
        IReadOnlyList<AssetPool> initialPools, IReadOnlyList<long> assetPrices, EntityRef[] holders, TokenMarket? market = null)
        : base(index, id, supplyGwei, holders, market)
    {
        this.positions = positions.ToArray();
        pools = initialPools.ToArray();
        this.assetPrices = assetPrices.ToArray();
    }

    public override long BackingValueGwei
    {
        get
        {
            long value = 0;
            for (int i = 0; i < positions.Length; i++)
            {
                long withdrawable = WithdrawableShares.Of(positions[i].AmountGwei, pools[i].Shares, pools[i].Deposits);
                value += Wad.Mul(withdrawable, assetPrices[positions[i].Asset], Rounding.Down);
            }
            return Math.Max(0, value - drained);
        }
    }

    public override string CheckpointKind => "lrt";

    /// <summary>The pool factors last heard of per position (asset fixed by the position), asset prices, value drained.</summary>
    protected override void SaveBacking(CheckpointWriter writer)
    {
        writer.WriteAll(pools, pool => { writer.WriteLong(pool.Shares); writer.WriteLong(pool.Deposits); });
        writer.WriteLongs(assetPrices);
        writer.WriteLong(drained);
    }

    protected override void RestoreBacking(CheckpointReader reader)
    {
        var factors = reader.ReadAll(16, () => (Shares: reader.ReadLong(), Deposits: reader.ReadLong()));
        CheckpointReader.RequireCount(factors.Length, pools.Length, $"positions of LRT {Id}");
        for (int i = 0; i < pools.Length; i++) pools[i] = pools[i] with { Shares = factors[i].Shares, Deposits = factors[i].Deposits };
        reader.ReadInto(assetPrices, "asset prices");
        drained = reader.ReadLong();
    }

    protected override bool Apply(CascadeMessage message, CascadeContext context)
    {
        switch (message)
        {
            case OperatorStakeChanged c:
                bool moved = false;
                for (int i = 0; i < positions.Length; i++)
                {
                    if (positions[i].Operator != c.Operator) continue;
                    foreach (var pool in c.Pools)
                        if (pool.Asset == positions[i].Asset && pool != pools[i]) { pools[i] = pool; moved = true; }
                }
                return moved;
            case TokenPriceChanged t:
                if (assetPrices[t.Token + 1] == t.PriceWad) return false;
                assetPrices[t.Token + 1] = t.PriceWad;
                return true;
            case BackingDrained d:
                long backing = BackingValueGwei;
                long taken = Drain(ref backing, d, context);
                drained += taken;
                return taken > 0;
            default:
                throw new InvalidOperationException($"LRT cannot handle {message.GetType().Name}");
        }
    }
}
