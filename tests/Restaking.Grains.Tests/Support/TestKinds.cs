using Restaking.Grains.Services;
using Restaking.Grains.Tests.Plugins;
using Restaking.Sdk.Hosting;
using Restaking.ServiceKinds;

namespace Restaking.Grains.Tests.Support;

/// <summary>The service kinds every silo of these tests runs: the built-in three plus the test's plug-in, registered
/// through the SDK's path like a loaded plug-in.</summary>
public static class TestKinds
{
    public static ServiceKindCatalog Catalog { get; } = KindCatalogs.Register(BuiltInKinds.Catalog(), new SequencerKind());
}
