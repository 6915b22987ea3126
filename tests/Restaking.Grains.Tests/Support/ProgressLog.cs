using System.Collections.Concurrent;
using Restaking.Contracts;

namespace Restaking.Grains.Tests.Support;

/// <summary>Keeps every <see cref="RunProgress"/> in arrival order (called synchronously, unlike
/// <see cref="Progress{T}"/>, which posts to a synchronization context). With <paramref name="slowness"/>, each report
/// takes that long, like a listener doing I/O: the stream delivers the next message only once the last is handled.</summary>
public sealed class ProgressLog(TimeSpan slowness = default) : IProgress<RunProgress>
{
    private readonly ConcurrentQueue<RunProgress> items = new();

    public IReadOnlyList<RunProgress> Items => items.ToArray();

    public int LatestTicksDone => items.IsEmpty ? 0 : items.Max(i => i.TicksDone);

    public void Report(RunProgress value)
    {
        items.Enqueue(value);
        if (slowness > TimeSpan.Zero) Thread.Sleep(slowness);
    }
}
