using System.CommandLine;
using System.Diagnostics;
using Restaking.Silo;

namespace Restaking.Cli;

/// <summary><c>restaking cluster status [--cluster …] [--wait N] [--timeout S]</c>: the active silos of a cluster.</summary>
public static class ClusterCommand
{
    public static Command Create()
    {
        var cluster = ClusterOption.Create("the cluster: a cluster folder or its cluster.json, or host:port,password=… of its Redis "
            + "(default: $RESTAKING_CLUSTER or .restaking-cluster/)");
        var wait = new Option<int?>("--wait") { Description = "wait until at least N silos are active (exit 1 if not within --timeout)" };
        var timeout = new Option<int>("--timeout") { Description = "seconds to wait (with --wait)", DefaultValueFactory = _ => 120 };
        var status = new Command("status", "list the cluster's active silos") { cluster, wait, timeout };
        status.SetAction((parse, cancel) => Status(ClusterOption.Value(parse, cluster) ?? "", parse.GetValue(wait), parse.GetValue(timeout), cancel));
        return new Command("cluster", "a running cluster (see run-cluster.sh)") { status };
    }

    private static async Task<int> Status(string clusterValue, int? wait, int timeoutSeconds, CancellationToken cancel)
    {
        if (wait is < 1 || timeoutSeconds < 1)
        {
            Console.Error.WriteLine($"--wait and --timeout: must be at least 1 [range]");
            return ExitCodes.BadInput;
        }
        if (ClusterOption.Resolve(clusterValue) is not { } connection) return ExitCodes.BadInput;
        var clock = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(timeoutSeconds);
        ClusterClientHost client;
        try { client = await ClusterClientHost.ConnectAsync(connection, limit, cancel); }
        catch (ClusterUnreachableException e)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.Failure;
        }
        await using (client)
        {
            while (true)
            {
                var silos = await client.ActiveSilos();
                if (wait is null || silos.Count >= wait || clock.Elapsed > limit)
                {
                    Console.WriteLine($"{silos.Count} active silo{(silos.Count == 1 ? "" : "s")} in {connection}");
                    foreach (var silo in silos) Console.WriteLine("  " + silo);
                    return wait is null || silos.Count >= wait ? ExitCodes.Ok : ExitCodes.Failure;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancel);
            }
        }
    }
}
