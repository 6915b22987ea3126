using Restaking.Domain.Tests;
using Restaking.Grains.Services;
using Restaking.Grains.Tests.Plugins;
using Restaking.Sdk.Hosting;
using Restaking.ServiceKinds;

namespace Restaking.Grains.Tests.Support;

/// <summary>The service kinds every silo of these tests runs: the built-in three, the test's plug-in, and the two sample
/// plug-ins loaded from their build output (plugins/*/bin/) as the CLI loads them — all through the SDK's one path.</summary>
public static class TestKinds
{
    public static ServiceKindCatalog Catalog { get; } = Build();

    private static ServiceKindCatalog Build()
    {
        var samples = new[] { "Restaking.Plugins.Sequencer", "Restaking.Plugins.PriceOracle" }
            .Select(p => PluginLoader.Load(Path.Combine(RepositoryFiles.Root, "plugins", p, "bin", p + ".dll")).Assembly);
        return KindCatalogs.Register(BuiltInKinds.Catalog([.. samples]), new SequencerKind());
    }
}
