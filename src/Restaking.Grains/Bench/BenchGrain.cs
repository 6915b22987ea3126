using Restaking.Contracts;

namespace Restaking.Grains.Bench;

/// <summary>Counts each message and forwards it to <c>fanOut</c> pseudo-random grains of the population.</summary>
public sealed class BenchGrain(BenchCounter counter) : Grain, IBenchGrain
{
    public Task Hop(int hopsLeft, int fanOut, int population)
    {
        counter.Increment();
        if (hopsLeft > 0)
        {
            long self = this.GetPrimaryKeyLong();
            for (int i = 1; i <= fanOut; i++)
                _ = GrainFactory.GetGrain<IBenchGrain>((self * 7919 + i * 104729 + hopsLeft) % population).Hop(hopsLeft - 1, fanOut, population);
        }
        return Task.CompletedTask;
    }
}

/// <summary>The silo's count of bench messages received, and a wait for a target count.</summary>
public sealed class BenchCounter
{
    private long count;
    private long target = long.MaxValue;
    private TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Resets the count; the task completes when <paramref name="messages"/> more have been received.</summary>
    public Task Expect(long messages)
    {
        reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref count, 0);
        Volatile.Write(ref target, messages);
        return reached.Task;
    }

    public void Increment()
    {
        if (Interlocked.Increment(ref count) == Volatile.Read(ref target)) reached.TrySetResult();
    }
}
