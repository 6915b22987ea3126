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
