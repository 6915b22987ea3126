using System.Reflection;
using Orleans.BroadcastChannel;
using Restaking.Domain.Cascade;
using Restaking.Domain.Engine;

namespace Restaking.Grains.Tests;

/// <summary>The one table of entity kinds (<see cref="EntityKinds"/>) against the grain classes it names: a typo there would
/// only show when a run first addresses such a grain.</summary>
public sealed class EntityKindTableTests
{
    [Fact]
    public void Every_kind_but_services_names_a_grain_class_of_that_kind_subscribed_to_its_own_cascade_namespace()
    {
        var grains = typeof(CascadeEntityGrain).Assembly;
        foreach (var d in EntityKinds.All.Where(d => d.Kind != EntityKind.Service))
        {
            var type = grains.GetType(d.GrainClass!);
            Assert.True(type is not null, $"{d.Name}: no class {d.GrainClass}");
            Assert.True(type!.IsSubclassOf(typeof(CascadeEntityGrain)), $"{type} is not a cascade entity grain");
            var kind = (EntityKind)type.GetProperty("Kind", BindingFlags.Instance | BindingFlags.NonPublic)!
                .GetValue(System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(type))!;
            Assert.Equal(d.Kind, kind);
            string ns = CascadeNames.NamespaceOf(type);
            Assert.Contains(type.GetCustomAttributes<ImplicitStreamSubscriptionAttribute>(), a => a.Predicate.IsMatch(ns));
            Assert.Contains(type.GetCustomAttributes<ImplicitChannelSubscriptionAttribute>(), a => a.Predicate.IsMatch(ns));
        }
    }

    [Fact]
    public void Services_are_the_one_kind_whose_class_comes_from_elsewhere_and_kinds_are_listed_once_in_delivery_order()
    {
        Assert.Equal([EntityKind.Service], EntityKinds.All.Where(d => d.GrainClass is null).Select(d => d.Kind));
        var kinds = EntityKinds.All.Select(d => d.Kind).ToList();
        Assert.Equal(kinds.Order(), kinds);
        Assert.Equal(kinds.Count, kinds.Distinct().Count());
        Assert.DoesNotContain(EntityKind.Scheduler, kinds);
    }
}
