using Restaking.Domain.Scenarios;

namespace Restaking.Domain.Adversary;

/// <summary>Picks the search per component and unites the components' best attacks (they are disjoint, so gains add
/// up and the union is the overall max-Gain attack whenever every component ran exact).</summary>
public static class AttackSearch
{
    public static AttackSearchResult Find(AttackNetwork net, AttackSearchMode mode, int exactMaxOperators)
    {
        switch (mode)
        {
            case AttackSearchMode.Off:
                return new AttackSearchResult(null, "off");
            case AttackSearchMode.Exact:
                return new AttackSearchResult(ExactAttackSearch.Find(net, exactMaxOperators), "exact");
            case AttackSearchMode.Heuristic:
                return new AttackSearchResult(HeuristicAttackSearch.Find(net), "heuristic");
            case AttackSearchMode.Auto:
                var parts = new List<Attack>();
                bool usedExact = false, usedHeuristic = false;
                foreach (var c in net.Components)
                {
                    if (c.Services.Count == 0) continue;
                    Attack? a;
                    if (c.Operators.Count <= exactMaxOperators)
                    {
                        usedExact = true;
                        a = ExactAttackSearch.FindInComponent(net, c, exactMaxOperators);
                    }
                    else
                    {
                        usedHeuristic = true;
                        a = HeuristicAttackSearch.FindInComponent(net, c);
                    }
                    if (a is not null) parts.Add(a);
                }
                var method = usedHeuristic ? (usedExact ? "exact+heuristic" : "heuristic") : "exact";
                return new AttackSearchResult(AttackRules.Union(net, parts), method);
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, null);
        }
    }
}
