using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using Restaking.Silo;

namespace Restaking.Cli;

/// <summary>
/// <c>restaking silo --cluster … --silo-port N --gateway-port N [--web-port N] [--bind ADDR] [--advertise ADDR]</c>: one
/// silo of a multi-process cluster (what run-cluster.sh starts N of), up until SIGTERM or Ctrl+C.
/// </summary>
public static class SiloCommand
{
    public static Command Create()
    {
        var cluster = ClusterOption.Create("the cluster to join: a cluster folder or its cluster.json, or host:port,password=… of its Redis "
            + "(default: $RESTAKING_CLUSTER or .restaking-cluster/)");
        var siloPort = new Option<int>("--silo-port") { Description = "silo-to-silo port", Required = true };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "client gateway port", Required = true };
        var webPort = new Option<int?>("--web-port") { Description = "dashboard port (none if omitted)" };
        var bind = new Option<string>("--bind") { Description = "address every listener binds", DefaultValueFactory = _ => "127.0.0.1" };
        var advertise = new Option<string?>("--advertise") { Description = "address other hosts reach this silo at (default: --bind; required with --bind 0.0.0.0)" };
        var transport = Transports.CreateOption();
        var command = new Command("silo", "run one silo of a cluster (Redis membership), until SIGTERM or Ctrl+C")
        {
            cluster, siloPort, gatewayPort, webPort, bind, advertise, transport,
        };
        command.SetAction((parse, cancel) => Execute(ClusterOption.Value(parse, cluster) ?? "", parse.GetValue(siloPort), parse.GetValue(gatewayPort),
            parse.GetValue(webPort), parse.GetValue(bind)!, parse.GetValue(advertise), parse.GetValue(transport)!, cancel));
        return command;
    }

    private static async Task<int> Execute(string clusterValue, int siloPort, int gatewayPort, int? webPort, string bindText, string? advertiseText,
        string transport, CancellationToken cancel)
    {
        foreach (var (name, port) in new[] { ("--silo-port", (int?)siloPort), ("--gateway-port", gatewayPort), ("--web-port", webPort) })
        {
            if (port is < 1 or > 65535)
            {
                Console.Error.WriteLine($"{name}: must be 1 … 65535, got {port} [range]");
                return ExitCodes.BadInput;
            }
        }
        if (!IPAddress.TryParse(bindText, out var bind))
        {
            Console.Error.WriteLine($"--bind: '{bindText}' is not an IP address [address]");
            return ExitCodes.BadInput;
        }
        IPAddress? advertise = null;
        if (advertiseText is not null && !IPAddress.TryParse(advertiseText, out advertise))
        {
            Console.Error.WriteLine($"--advertise: '{advertiseText}' is not an IP address [address]");
            return ExitCodes.BadInput;
        }
        if (advertise is null && (bind.Equals(IPAddress.Any) || bind.Equals(IPAddress.IPv6Any)))
        {
            Console.Error.WriteLine($"--bind {bindText} listens on every interface: say which address other hosts reach this silo at with --advertise [address]");
            return ExitCodes.BadInput;
        }
        if (ClusterOption.Resolve(clusterValue) is not { } connection) return ExitCodes.BadInput;

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        using var registration = cancel.Register(() => stop.TrySetResult());
        ClusterSilo silo;
        try
        {
            silo = await ClusterSilo.StartAsync(new ClusterSiloOptions(connection, siloPort, gatewayPort, webPort, bind, advertise, ScenarioFiles.Kinds,
                Transport: Transports.Parse(transport)), cancel);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"silo: cannot start on {bind} (silo port {siloPort}, gateway {gatewayPort}) in {connection}: {e.GetBaseException().Message}");
            return ExitCodes.Failure;
        }
        await using (silo)
        {
            Console.Error.WriteLine($"silo ready: {silo.Address}, gateway port {gatewayPort}"
                + (silo.DashboardUrl is null ? "" : $", dashboard {silo.DashboardUrl}"));
            await stop.Task;
            Console.Error.WriteLine("silo stopping");
        }
        return ExitCodes.Ok;
    }
}
