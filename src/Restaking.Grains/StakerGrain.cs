using Restaking.Contracts;
using Restaking.Domain.Cascade;
using Restaking.Domain.Engine;
using Restaking.Domain.EigenLayer;
using Restaking.Grains.Runs;

namespace Restaking.Grains;

/// <summary>
/// A staker, activated only when asked about (lazy accounting, docs/architecture.md): its deposit is in the scenario, its
/// withdrawable amount follows from its operator's pool (deposit × shares / deposit shares, rounded down) — or, for a listed
/// staker with ticks of its own, is its cohort's at the operator (0 while its deposit waits or after it was refused).
/// </summary>
public sealed class StakerGrain(RunWorlds worlds) : Grain, IStakerGrain
{
    public async Task<StakerPosition> GetPosition()
    {
        var (runId, entityId) = GrainKeys.Parse(this.GetPrimaryKeyString());
        var run = await worlds.AcquireAsync(runId, GrainFactory);
        try
        {
            return await Position(run, runId, entityId);
        }
        finally
        {
            worlds.Release(runId);
        }
    }

    private async Task<StakerPosition> Position(RunWorld run, string runId, string entityId)
    {
        if (!entityId.StartsWith("staker-", StringComparison.Ordinal)
            || !int.TryParse(entityId.AsSpan("staker-".Length), System.Globalization.CultureInfo.InvariantCulture, out int i)
            || i < 0 || i >= run.Spec.Stakers.Count)
            throw new ArgumentException($"'{entityId}' is not a staker of run {runId} (0 … {run.Spec.Stakers.Count - 1})");
        var book = run.Spec.Stakers;
        var op = run.Spec.Operators[book.Operator[i]].Id;
        var grain = RunGrains.Entity(GrainFactory, run, EntityRef.Operator(book.Operator[i]));
        if (book.HasOwnTicks(i))
        {
            var cohort = (await grain.Ask(Projections.OperatorCohorts)).First(c => c.Staker == i);
            long withdrawable = cohort.Deposited ? cohort.WithdrawableShares : 0;
            return new StakerPosition(op, book.Asset[i], book.Amount[i], withdrawable);
        }
        var pools = await grain.Ask(Projections.OperatorPools);
        var pool = pools.First(p => p.Asset == book.Asset[i]);
        return new StakerPosition(op, book.Asset[i], book.Amount[i], WithdrawableShares.Of(book.Amount[i], pool.Shares, pool.Deposits));
    }
}
