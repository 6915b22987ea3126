namespace Restaking.Domain.Adversary;

/// <summary>
/// An attack (A, B) of DR24 Section 2: operators B jointly corrupt services A. <see cref="Services"/> and
/// <see cref="Operators"/> are ascending index lists; <see cref="Profit"/> = π(A) and <see cref="Cost"/> is the stake B
/// forfeits under the network's <see cref="AttackCost"/> (σ(B) when pooled). Build with <see cref="AttackRules.Create"/>.
/// Equality compares the lists element by element.
/// </summary>
public sealed record Attack(IReadOnlyList<int> Services, IReadOnlyList<int> Operators, long Profit, long Cost)
{
    /// <summary>π(A) − cost: positive exactly when the attack is profitable.</summary>
    public long Gain => Profit - Cost;

    public bool Equals(Attack? other) =>
        other is not null && Profit == other.Profit && Cost == other.Cost
        && Services.SequenceEqual(other.Services) && Operators.SequenceEqual(other.Operators);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Profit);
        h.Add(Cost);
        foreach (var s in Services) h.Add(s);
        h.Add(-1);
        foreach (var v in Operators) h.Add(v);
        return h.ToHashCode();
    }

    public override string ToString() =>
        $"A=[{string.Join(",", Services)}] B=[{string.Join(",", Operators)}] profit={Profit} cost={Cost} gain={Gain}";
}
