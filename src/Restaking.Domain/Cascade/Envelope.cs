namespace Restaking.Domain.Cascade;

/// <summary>A message in flight. Recipients apply their inbox sorted by (sender, sequence), which makes the result
/// independent of arrival order (docs/architecture.md, "Determinism").</summary>
public readonly record struct Envelope(EntityRef From, int Sequence, CascadeMessage Message) : IComparable<Envelope>
{
    public int CompareTo(Envelope other)
    {
        int c = From.CompareTo(other.From);
        return c != 0 ? c : Sequence.CompareTo(other.Sequence);
    }
}

/// <summary>A message addressed to an entity.</summary>
public readonly record struct Outgoing(EntityRef To, Envelope Envelope);
