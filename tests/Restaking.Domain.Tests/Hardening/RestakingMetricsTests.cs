using System.Diagnostics.Metrics;
using Restaking.Domain.Engine;

namespace Restaking.Domain.Tests.Hardening;

/// <summary>The Restaking meter counts a run's ticks, rounds, cascade messages and slashes, and the run while it is active.
/// Other tests run in parallel in this process and count too, so each figure is at least this run's.</summary>
public class RestakingMetricsTests
{
    [Fact]
    public void A_quickstart_run_is_counted()
    {
        var totals = new Dictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == RestakingMetrics.MeterName) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (totals) totals[instrument.Name] = totals.GetValueOrDefault(instrument.Name) + value;
        });
        listener.Start();

        var result = ShippedScenario.Run("quickstart.json");
        listener.Dispose();

        var slashes = ShippedScenario.Events(result).Count(e => e.GetProperty("kind").GetString() == "slash");
        Assert.True(slashes > 0, "no slash event");
        lock (totals)
        {
            Assert.True(totals.GetValueOrDefault("restaking.ticks") >= 30, string.Join(", ", totals));
            Assert.True(totals.GetValueOrDefault("restaking.rounds") > 0, string.Join(", ", totals));
            Assert.True(totals.GetValueOrDefault("restaking.cascade.messages") > 0, string.Join(", ", totals));
            Assert.True(totals.GetValueOrDefault("restaking.slashes") >= slashes, $"{slashes}: " + string.Join(", ", totals));
            Assert.True(totals.ContainsKey("restaking.runs.active"), string.Join(", ", totals));
        }
    }
}
