using System.CommandLine;
using Restaking.Grains;

namespace Restaking.Cli;

/// <summary>The <c>--transport</c> option: the cascade transport's names on the command line.</summary>
public static class Transports
{
    public static string Default => NameOf(CascadeTransportOptions.DefaultTransport);

    public static readonly IReadOnlyDictionary<string, CascadeTransport> ByName = new Dictionary<string, CascadeTransport>(StringComparer.Ordinal)
    {
        ["oneway"] = CascadeTransport.OneWayCalls,
        ["channel"] = CascadeTransport.BroadcastChannel,
        ["streams"] = CascadeTransport.MemoryStreams,
    };

    public static CascadeTransport Parse(string name) => ByName[name];

    public static string NameOf(CascadeTransport transport) => ByName.First(p => p.Value == transport).Key;

    /// <summary>Advanced, hidden from help: for comparing transports (see <c>restaking bench</c>).</summary>
    public static Option<string> CreateOption()
    {
        var option = new Option<string>("--transport")
        {
            Description = "how cascade batches travel between grains: oneway (hop-named one-way grain calls), channel (broadcast channel), streams (memory streams)",
            DefaultValueFactory = _ => Default,
            Hidden = true,
        };
        option.AcceptOnlyFromAmong([.. ByName.Keys]);
        return option;
    }
}
