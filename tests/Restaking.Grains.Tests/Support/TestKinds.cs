using Restaking.Grains.Services;
using Restaking.Grains.Tests.Plugins;

namespace Restaking.Grains.Tests.Support;

/// <summary>The service kinds every silo of these tests runs: the built-in three plus the test's plug-in.</summary>
public static class TestKinds
{
    public static ServiceKindCatalog Catalog { get; } =
        ServiceKindCatalog.CreateDefault().Register<SequencerGrain>(new SequencerBehaviour());
}
