using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Markets;

namespace Restaking.Domain.Tokens;

/// <summary>
/// An LST (stETH, rETH …): backed by ETH in validators. Consensus-layer penalties against its validators and drains
/// of a bridge that holds its backing lower the backing at once, so NAV falls with them (docs/domain-rules.md, liquid tokens).
/// </summary>
public sealed class LiquidStakingToken(int index, string id, long supplyGwei, long backingGwei, EntityRef[] holders, TokenMarket? market = null)
    : LiquidToken(index, id, supplyGwei, holders, market)
{
    private long backing = backingGwei;

    public override long BackingValueGwei => backing;

    public override string CheckpointKind => "lst";

    protected override void SaveBacking(CheckpointWriter writer) => writer.WriteLong(backing);

    protected override void RestoreBacking(CheckpointReader reader) => backing = reader.ReadLong();

    protected override bool Apply(CascadeMessage message, CascadeContext context)
    {
        switch (message)
        {
            case ValidatorPenalty p:
                long taken = Math.Min(p.AmountGwei, backing);
                backing -= taken;
                context.Record(CascadeEventKind.Penalty, EntityRef.BaseChain, context.Self, taken, SlashReason.BaseChain, p.Cause, p.Depth,
                    "validator_group=" + p.ValidatorGroup);
                return taken > 0;
            case BackingDrained d:
                return Drain(ref backing, d, context) > 0;
            default:
                throw new InvalidOperationException($"LST cannot handle {message.GetType().Name}");
        }
    }
}
