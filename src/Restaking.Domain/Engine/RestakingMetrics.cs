using System.Diagnostics.Metrics;
using Restaking.Domain.Cascade;

namespace Restaking.Domain.Engine;

/// <summary>
/// The <c>Restaking</c> meter (System.Diagnostics.Metrics): what a run does, for an operator's dashboards. Both engines count
/// through the same code (<see cref="TickDriver"/>, <see cref="CascadeContext"/>); an exporter is opt-in (docs/operations.md).
/// Nothing here feeds an output: metrics are wall-clock side channels, like run-info.json.
/// </summary>
public static class RestakingMetrics
{
    public const string MeterName = "Restaking";

    private static readonly Meter Meter = new(MeterName);

    public static readonly UpDownCounter<long> RunsActive = Meter.CreateUpDownCounter<long>("restaking.runs.active", "{run}", "Runs being simulated in this process");
    public static readonly Counter<long> Ticks = Meter.CreateCounter<long>("restaking.ticks", "{tick}", "Ticks completed");
    public static readonly Counter<long> Rounds = Meter.CreateCounter<long>("restaking.rounds", "{round}", "Cascade rounds completed");
    public static readonly Counter<long> CascadeMessages = Meter.CreateCounter<long>("restaking.cascade.messages", "{message}", "Cascade messages sent by entities in this process");
    public static readonly Counter<long> Slashes = Meter.CreateCounter<long>("restaking.slashes", "{slash}", "Slash events recorded");

    /// <summary>Counts a run as active until disposed (however the run ends).</summary>
    public static IDisposable RunActive()
    {
        RunsActive.Add(1);
        return new Active();
    }

    private sealed class Active : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) RunsActive.Add(-1);
        }
    }
}
