using System.CommandLine;

namespace Restaking.Cli;

/// <summary><c>--cluster [VALUE]</c>: run on a cluster (see <see cref="Silo.ClusterConnection.Resolve"/>).</summary>
public static class ClusterOption
{
    public static Option<string?> Create(string description) => new("--cluster")
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrOne,
        HelpName = "folder|file|host:port,password=…",
    };

    /// <summary>--connect-timeout: how long a client waits for the cluster's gateways (docs/cluster.md).</summary>
    public static Option<int> ConnectTimeout() => new("--connect-timeout")
    {
        Description = "seconds to wait for the cluster's gateways (with --cluster; default 30)",
        DefaultValueFactory = _ => 30,
    };

    /// <summary>The timeout, or null (printed, exit 2) when it is not 1 … 3600 s.</summary>
    public static TimeSpan? ConnectTimeoutValue(int seconds)
    {
        if (seconds is >= 1 and <= 3600) return TimeSpan.FromSeconds(seconds);
        Console.Error.WriteLine($"--connect-timeout: must be 1 … 3600 seconds, got {seconds} [range]");
        return null;
    }

    /// <summary>Null when the option is absent; "" when it is given without a value.</summary>
    public static string? Value(ParseResult parse, Option<string?> option) =>
        parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option) ?? "" : null;

    /// <summary>Resolves <paramref name="value"/>; on bad input prints the error (naming --cluster) and returns null.</summary>
    public static Silo.ClusterConnection? Resolve(string value)
    {
        try { return Silo.ClusterConnection.Resolve(value); }
        catch (Silo.ClusterConnectionException e)
        {
            Console.Error.WriteLine($"--cluster: {e.Message} [cluster]");
            return null;
        }
    }
}
