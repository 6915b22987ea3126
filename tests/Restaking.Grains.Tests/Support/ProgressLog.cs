using System.Collections.Concurrent;
using Restaking.Contracts;

namespace Restaking.Grains.Tests.Support;

/// <summary>Keeps every <see cref="RunProgress"/> in arrival order (called synchronously, unlike
/// <see cref="Progress{T}"/>, which posts to a synchronization context).</summary>
public sealed class ProgressLog : IProgress<RunProgress>
{
    private readonly ConcurrentQueue<RunProgress> items = new();

    public IReadOnlyList<RunProgress> Items => items.ToArray();

    public int LatestTicksDone => items.IsEmpty ? 0 : items.Max(i => i.TicksDone);

    public void Report(RunProgress value) => items.Enqueue(value);
}
