using Orleans.Streams;
using Restaking.Contracts;

namespace Restaking.Silo;

/// <summary>
/// Runs a scenario on a cluster (the embedded silo or a real one): starts the run's coordinator, follows the run
/// stream for progress and returns the outputs once the coordinator reports the run finished.
/// </summary>
public sealed class OrleansEngine(IClusterClient client)
{
    public const string Name = "orleans";

    /// <summary>How long a finished run waits for its stream's last message when someone follows the progress.</summary>
    private static readonly TimeSpan StreamCatchUp = TimeSpan.FromSeconds(10);

    /// <summary>How long the coordinator may stay unreachable (its silo died; membership and recovery take time).</summary>
    private static readonly TimeSpan LostPatience = TimeSpan.FromMinutes(2);

    public async Task<RunOutcome> RunAsync(RunDefinition run, IProgress<RunProgress>? progress = null, CancellationToken cancellation = default)
    {
        var coordinator = client.GetGrain<IRunCoordinatorGrain>(run.RunId);
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = client.GetStreamProvider(RunStreams.Provider).GetStream<RunProgress>(StreamId.Create(RunStreams.Namespace, run.RunId));
        var subscription = await stream.SubscribeAsync((item, _) =>
        {
            progress?.Report(item);
            if (item.Finished) finished.TrySetResult();
            return Task.CompletedTask;
        });
        // The contagion view lists every run and replays it: the registry follows the stream from before the first tick.
        var registry = client.GetGrain<IRunRegistryGrain>(0);
        var (scenarioName, ticks) = RunNames.Of(run);
        await registry.RegisterRun(run, scenarioName, ticks, DateTime.UtcNow);
        try
        {
            await coordinator.Start(run);
            var lost = System.Diagnostics.Stopwatch.StartNew();
            // The stream says when the run ends; the status poll is the backstop should an event be late.
            while (true)
            {
                cancellation.ThrowIfCancellationRequested();
                RunStatus status;
                try { status = await coordinator.GetStatus(); }
                catch (Exception e) when (e is not OperationCanceledException && lost.Elapsed < LostPatience)
                {
                    // On a cluster the coordinator's silo may have died: the next call activates it elsewhere, where
                    // it resumes the run from its checkpoint. Until the membership has noticed, calls fail.
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
                    continue;
                }
                lost.Restart();
                if (status.Finished)
                {
                    if (status.Error is not null)
                    {
                        await registry.Fail(run.RunId, status.Error);
                        throw new RunFailedException(run.RunId, status.Error);
                    }
                    break;
                }
                await Task.WhenAny(finished.Task, Task.Delay(TimeSpan.FromSeconds(1), cancellation));
            }
            // The status turns finished just before the coordinator publishes the last message, and the memory stream
            // delivers on its own schedule (~100 ms later): a poll in between would end the subscription before the
            // listener has the last ticks and events. Give the stream a bounded time to catch up.
            if (progress is not null && !finished.Task.IsCompleted)
            {
                try { await finished.Task.WaitAsync(StreamCatchUp, cancellation); }
                catch (TimeoutException) { } // the outcome is complete either way; only the listener missed the end
            }
            var outcome = await coordinator.GetOutcome();
            await registry.Complete(run.RunId, outcome);
            await coordinator.Close();
            return outcome;
        }
        finally
        {
            // On a cluster the stream's pub-sub state may have lived on a lost silo; the run's outputs do not need it.
            try { await subscription.UnsubscribeAsync(); }
            catch (Exception e) when (e is not OperationCanceledException) { }
        }
    }
}

/// <summary>A run failed inside the cluster.</summary>
public sealed class RunFailedException(string runId, string error) : Exception($"run {runId} failed: {error}");

/// <summary>A run's scenario name and tick count, read from its definition (for the run list before the first tick).</summary>
internal static class RunNames
{
    public static (string Scenario, int Ticks) Of(RunDefinition run)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(run.ScenarioJson);
            var root = document.RootElement;
            string name = root.TryGetProperty("name", out var n) && n.ValueKind == System.Text.Json.JsonValueKind.String ? n.GetString()! : run.FileName;
            int ticks = run.Ticks ?? (root.TryGetProperty("ticks", out var t) && t.ValueKind == System.Text.Json.JsonValueKind.Object
                && t.TryGetProperty("count", out var c) && c.TryGetInt32(out int count) ? count : 0);
            return (name, ticks);
        }
        catch (System.Text.Json.JsonException)
        {
            return (run.FileName, run.Ticks ?? 0);
        }
    }
}
