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
        try
        {
            await coordinator.Start(run);
            // The stream says when the run ends; the status poll is the backstop should an event be late.
            while (true)
            {
                cancellation.ThrowIfCancellationRequested();
                var status = await coordinator.GetStatus();
                if (status.Finished)
                {
                    if (status.Error is not null) throw new RunFailedException(run.RunId, status.Error);
                    break;
                }
                await Task.WhenAny(finished.Task, Task.Delay(TimeSpan.FromSeconds(1), cancellation));
            }
            var outcome = await coordinator.GetOutcome();
            await coordinator.Close();
            return outcome;
        }
        finally
        {
            await subscription.UnsubscribeAsync();
        }
    }
}

/// <summary>A run failed inside the cluster.</summary>
public sealed class RunFailedException(string runId, string error) : Exception($"run {runId} failed: {error}");
