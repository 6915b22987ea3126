using Orleans.Concurrency;

namespace Restaking.Contracts;

/// <summary>
/// A trivial grain for measuring the silo's raw one-way messaging ceiling (<c>restaking bench</c>): each message is
/// counted and, while <paramref name="hopsLeft"/> is positive, forwarded to <paramref name="fanOut"/> other grains of
/// a population of <paramref name="population"/>.
/// </summary>
public interface IBenchGrain : IGrainWithIntegerKey
{
    [OneWay]
    Task Hop(int hopsLeft, int fanOut, int population);
}
