using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Scenarios;

namespace Restaking.Domain.Adversary;

/// <summary>What the adversary knows of a service: value at risk left, attack threshold and, when whoever corrupts it
/// captures its ELIP-006 redistribution recipient, that recipient.</summary>
public sealed record AdversaryService(long ValueAtRiskGwei, long AttackThresholdWad, string? CorruptorRecipient = null)
{
    public bool Compromised { get; set; }
}

/// <summary>What the adversary knows of an operator: its stake value and the stake backing each service it secures.</summary>
public sealed record AdversaryOperator(long ValueGwei, IReadOnlyList<SecuringStake> Securing);

/// <summary>
/// The rational attacker of Durvasula and Roughgarden (arXiv 2407.21785): it watches the security graph and, whenever
/// stake moves, launches every attack that is feasible and profitable on the graph it sees, one after another
/// (each on the graph left by the previous one: the paper's cascade). Pooled restake: attackers lose all their stake;
/// unique stake: only what they allocated to the attacked services. A corrupted service that redistributes to its
/// corruptor (ELIP-006) is drained: the adversary slashes every operator securing it through its slasher and is paid
/// (<see cref="AttackRules.Redistributable"/>, counted in the attack's profit).
/// </summary>
public sealed class RationalAdversary : ICascadeParticipant
{
    /// <summary>Bound on attacks launched in one round; the rest wait for the next round's view.</summary>
    public const int MaxAttacksPerRound = 16;

    private readonly AdversaryService[] services;
    private readonly AdversaryOperator[] operators;
    private readonly SortedDictionary<string, int> searches = new(StringComparer.Ordinal);

    public RationalAdversary(SecurityModel model, AdversarySettings settings, AdversaryService[] services, AdversaryOperator[] operators)
    {
        Model = model;
        Settings = settings;
        this.services = services;
        this.operators = operators;
    }

    public SecurityModel Model { get; }
    public AdversarySettings Settings { get; }
    public int AttacksLaunched { get; private set; }

    /// <summary>How many searches each method ran ("exact", "heuristic", …): the summary reports which one ran.</summary>
    public IReadOnlyDictionary<string, int> Searches => searches;

    public void Handle(IReadOnlyList<Envelope> inbox, CascadeContext context)
    {
        CascadeMessage? trigger = null;
        foreach (var envelope in inbox)
        {
            switch (envelope.Message)
            {
                case OperatorStakeChanged c:
                    operators[c.Operator] = new AdversaryOperator(c.ValueGwei, c.Securing);
                    break;
                case ServiceCompromised s:
                    services[s.Service].Compromised = true;
                    break;
                case ServiceTermsChanged t:
                    // A service kind changed what corrupting it pays or takes (ServiceHost.SetTerms).
                    services[t.Service] = services[t.Service] with { ValueAtRiskGwei = t.ValueAtRiskGwei, AttackThresholdWad = t.AttackThresholdWad };
                    break;
                case TickDue:
                    break;
                default:
                    throw new InvalidOperationException($"adversary cannot handle {envelope.Message.GetType().Name}");
            }
            trigger ??= envelope.Message;
        }
        if (trigger is null || Settings.Search == AttackSearchMode.Off) return;

        for (int launched = 0; launched < MaxAttacksPerRound; launched++)
        {
            var (network, serviceOf, operatorOf) = CurrentNetwork();
            var result = AttackSearch.Find(network, Settings.Search, Settings.ExactMaxOperators);
            searches[result.Method] = searches.GetValueOrDefault(result.Method) + 1;
            if (result.Attack is not { } attack) return;
            Launch(attack, network, serviceOf, operatorOf, trigger, context);
        }
    }

    public string CheckpointKind => "adversary";
    public string CheckpointId => "adversary";

    /// <summary>Its view of the graph (services it knows compromised, each operator's last reported stake and edges),
    /// the attacks launched (attack numbers continue from it) and the searches run per method. It keeps no other
    /// cache between rounds: each search starts from this view.</summary>
    public void SaveState(CheckpointWriter writer)
    {
        writer.WriteBools(services.Select(s => s.Compromised).ToArray());
        writer.WriteAll(operators, op => { writer.WriteLong(op.ValueGwei); CascadeMail.WriteSecuring(writer, op.Securing); });
        writer.WriteInt(AttacksLaunched);
        writer.WriteAll(searches.ToList(), s => { writer.WriteString(s.Key); writer.WriteInt(s.Value); });
        writer.WriteAll(services, s => { writer.WriteLong(s.ValueAtRiskGwei); writer.WriteLong(s.AttackThresholdWad); });
    }

    public void RestoreState(CheckpointReader reader)
    {
        var compromised = reader.ReadBools();
        CheckpointReader.RequireCount(compromised.Length, services.Length, "services seen by the adversary");
        for (int s = 0; s < services.Length; s++) services[s].Compromised = compromised[s];
        var seen = reader.ReadAll(12, () => new AdversaryOperator(reader.ReadLong(), CascadeMail.ReadSecuring(reader)));
        CheckpointReader.RequireCount(seen.Length, operators.Length, "operators seen by the adversary");
        seen.CopyTo(operators, 0);
        AttacksLaunched = reader.ReadInt();
        var ran = reader.ReadAll(8, () => (Method: reader.ReadString(), Count: reader.ReadInt()));
        searches.Clear();
        foreach (var (method, count) in ran) searches[method] = count;
        var terms = reader.ReadAll(16, () => (ValueAtRisk: reader.ReadLong(), Threshold: reader.ReadLong()));
        CheckpointReader.RequireCount(terms.Length, services.Length, "service terms seen by the adversary");
        for (int s = 0; s < services.Length; s++)
            services[s] = services[s] with { ValueAtRiskGwei = terms[s].ValueAtRisk, AttackThresholdWad = terms[s].Threshold };
    }

    private void Launch(Attack attack, AttackNetwork network, int[] serviceOf, int[] operatorOf, CascadeMessage trigger, CascadeContext context)
    {
        AttacksLaunched++;
        var a = attack.Services.Select(i => serviceOf[i]).ToArray();
        var b = attack.Operators.Select(i => operatorOf[i]).ToArray();
        var message = new AttackLaunched(AttacksLaunched, a, b, trigger.Cause, trigger.Depth + 1);
        long redistributable = AttackRules.Redistributable(network, attack.Services);
        string detail = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"attack={AttacksLaunched};services={a.Length};operators={b.Length};cost_gwei={attack.Cost}");
        if (redistributable > 0) detail += string.Create(System.Globalization.CultureInfo.InvariantCulture, $";redistributable_gwei={redistributable}");
        context.Record(CascadeEventKind.Attack, context.Self, EntityRef.Service(a[0]), attack.Profit, SlashReason.Attack, trigger.Cause, trigger.Depth, detail);
        foreach (int s in a)
        {
            services[s].Compromised = true;
            context.Send(EntityRef.Service(s), message);
        }
        var drained = Drain(a, trigger, context);
        // Until the slashes come back, assume the attackers lost what the attack costs them, and the honest operators of
        // drained services what those services asked of them.
        var attacked = a.ToHashSet();
        var attackers = b.ToHashSet();
        foreach (int v in b)
        {
            var op = operators[v];
            operators[v] = Model.IsFullRestake()
                ? new AdversaryOperator(0, op.Securing.Select(e => e with { StakeGwei = 0 }).ToList())
                : op with { Securing = op.Securing.Select(e => attacked.Contains(e.Service) ? e with { StakeGwei = 0 } : e).ToList() };
        }
        foreach (var (v, asked) in drained)
        {
            if (attackers.Contains(v)) continue;
            var op = operators[v];
            if (Model.IsFullRestake())
            {
                // One collateral backs every edge: what is left of it caps them all.
                long left = Math.Max(0, op.Securing.Max(e => e.StakeGwei) - asked);
                operators[v] = new AdversaryOperator(Math.Min(op.ValueGwei, left), op.Securing.Select(e => e with { StakeGwei = Math.Min(e.StakeGwei, left) }).ToList());
            }
            else
            {
                operators[v] = new AdversaryOperator(Math.Max(0, op.ValueGwei - asked),
                    op.Securing.Select(e => attacked.Contains(e.Service) ? e with { StakeGwei = 0 } : e).ToList());
            }
        }
    }

    /// <summary>
    /// The services of the attack whose redistribution recipient the corruptor captures are the attacker's now: it slashes
    /// every operator securing them (attackers and honest ones) by all the stake the service sees, through that service's
    /// slasher, and the stake is paid to the recipient it holds (ELIP-006). Sent with the attack, so the operators apply
    /// these slashes a round before the other attacked services' punishments: the corruptor, holding the slasher, is first.
    /// Returns, per operator (world index), the stake its edges to those services had in the adversary's view.
    /// </summary>
    private SortedDictionary<int, long> Drain(int[] attackedServices, CascadeMessage trigger, CascadeContext context)
    {
        var asked = new SortedDictionary<int, long>();
        foreach (int s in attackedServices)
        {
            if (services[s].CorruptorRecipient is not { } recipient) continue;
            for (int v = 0; v < operators.Length; v++)
                foreach (var e in operators[v].Securing)
                {
                    if (e.Service != s || e.StakeGwei <= 0) continue;
                    context.Send(EntityRef.Operator(v), new SlashingRequest(s, Units.Wad.One, SlashReason.Attack, trigger.Cause, trigger.Depth + 1, Recipient: recipient));
                    asked[v] = asked.GetValueOrDefault(v) + e.StakeGwei;
                }
        }
        return asked;
    }

    /// <summary>
    /// σ_v and the edges σ_{v,s} the search sees for one operator with live edges.
    /// <list type="bullet">
    /// <item>Pooled and unique stake: the operator's own stake, each edge at most that.</item>
    /// <item>Symbiotic: each edge is the stake the delegator gives the pair (symbioticfi/core delegator _stake), as reported.
    /// In a vault shared by several operators it can exceed the operator's own share of the collateral (its stakers'
    /// pools): the collateral backs all of them.</item>
    /// <item>Symbiotic full restake keeps DR24's pooled cost with σ_v = the largest stake a network sees (the whole
    /// collateral without limits). DR24 gives each validator a stake of its own: σ(N(s)) adds disjoint stakes and
    /// attackers forfeit σ(B). Operators of one full-restake vault are each promised the same collateral, so both sums count
    /// it once per operator — as every network reads it on-chain — and when B holds several of them the vault cannot pay
    /// σ(B) (it pays its collateral once): the cost the search uses is then an upper bound, and an attack it rejects may be
    /// profitable. Without limits every edge equals σ_v; with limits σ_{v,s} ≤ σ_v.</item>
    /// <item>Symbiotic network restake: the cost is the attacked networks' stakes; once slashes bring the collateral below
    /// the sum of the network limits, those add up to more than the vault holds, so σ_v is raised to that sum for the
    /// builder's check (an over-estimate of what the vault can pay then).</item>
    /// </list>
    /// </summary>
    private (long Sigma, IReadOnlyList<(int Service, long Stake)> Edges) Stakes(AdversaryOperator op, List<(int Service, long Stake)> live) => Model switch
    {
        SecurityModel.SymbioticFullRestake => (live.Max(e => e.Stake), live),
        SecurityModel.SymbioticNetworkRestake => (Math.Max(op.ValueGwei, live.Sum(e => e.Stake)), live),
        _ => (op.ValueGwei, live.Select(e => e with { Stake = Math.Min(e.Stake, op.ValueGwei) }).ToList()),
    };

    /// <summary>The live security graph: services not yet corrupted with value at risk, operators with stake backing them.
    /// Indices in the network map back to world indices through ServiceOf and OperatorOf.</summary>
    public (AttackNetwork Network, int[] ServiceOf, int[] OperatorOf) CurrentNetwork()
    {
        var builder = new AttackNetworkBuilder(Model.IsFullRestake() ? AttackCost.Pooled : AttackCost.Isolated);
        var local = new int[services.Length];
        var serviceOf = new List<int>();
        for (int s = 0; s < services.Length; s++)
        {
            local[s] = -1;
            // A service with nothing at risk is worth nothing to corrupt, unless its corruptor is paid what it slashes.
            if (services[s].Compromised || (services[s].ValueAtRiskGwei <= 0 && services[s].CorruptorRecipient is null)) continue;
            local[s] = builder.AddService(services[s].ValueAtRiskGwei, services[s].AttackThresholdWad, services[s].CorruptorRecipient is not null);
            serviceOf.Add(s);
        }
        var operatorOf = new List<int>();
        for (int v = 0; v < operators.Length; v++)
        {
            var op = operators[v];
            var live = op.Securing.Where(e => e.StakeGwei > 0 && local[e.Service] >= 0).Select(e => (Service: local[e.Service], Stake: e.StakeGwei)).ToList();
            if (live.Count == 0) continue;
            var (sigma, edges) = Stakes(op, live);
            if (sigma <= 0) continue;
            int o = builder.AddOperator(sigma);
            operatorOf.Add(v);
            foreach (var e in edges) builder.AddEdge(o, e.Service, e.Stake);
        }
        return (builder.Build(), serviceOf.ToArray(), operatorOf.ToArray());
    }
}
