namespace Restaking.Domain.Cascade;

/// <summary>The kinds of entity that take part in a cascade. The order is the canonical delivery order.</summary>
public enum EntityKind : byte
{
    /// <summary>The run's clock: sender of scheduled faults and start-of-tick work.</summary>
    Scheduler,
    BaseChain,
    Token,
    Service,
    Operator,
    LendingMarket,
    Adversary,
    /// <summary>A Symbiotic vault shared by several operators (only under the Symbiotic security models).</summary>
    Vault,
}

/// <summary>An entity of the world by kind and index (indices follow the scenario's order: listed, then generated).</summary>
public readonly record struct EntityRef(EntityKind Kind, int Index) : IComparable<EntityRef>
{
    public static readonly EntityRef Scheduler = new(EntityKind.Scheduler, 0);
    public static readonly EntityRef BaseChain = new(EntityKind.BaseChain, 0);
    public static readonly EntityRef Adversary = new(EntityKind.Adversary, 0);

    public static EntityRef Operator(int index) => new(EntityKind.Operator, index);
    public static EntityRef Service(int index) => new(EntityKind.Service, index);
    public static EntityRef Token(int index) => new(EntityKind.Token, index);
    public static EntityRef LendingMarket(int index) => new(EntityKind.LendingMarket, index);
    public static EntityRef Vault(int index) => new(EntityKind.Vault, index);

    public int CompareTo(EntityRef other) => Kind != other.Kind ? Kind.CompareTo(other.Kind) : Index.CompareTo(other.Index);
}
