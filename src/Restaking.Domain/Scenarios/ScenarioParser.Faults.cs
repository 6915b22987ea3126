namespace Restaking.Domain.Scenarios;

internal sealed partial class ScenarioParser
{
    private static readonly string[] FaultFieldNames = ["id", "tick", "type", .. FaultFields.All];

    private IReadOnlyList<FaultSpec> ParseFaults(ScenarioObject parent, IReadOnlyList<OperatorSpec> operators)
    {
        var faults = new List<(FaultSpec Fault, string Path)>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var items = parent.Array("faults", required: false);
        var opened = EdgesOpenedByReallocations(items);
        foreach (var (item, path) in items)
        {
            if (item.ValueKind == System.Text.Json.JsonValueKind.Object && item.TryGetProperty("type", out var t)
                && t.ValueKind == System.Text.Json.JsonValueKind.String && kinds.KindOfFault(t.GetString()!) is { } owner)
            {
                if (ParsePluginFault(item, path, t.GetString()!, owner, ids) is { } pluginFault) faults.Add((pluginFault, path));
                continue;
            }
            var f = ScenarioObject.Open(item, path, values, FaultFieldNames);
            if (f is null) continue;
            var fault = ParseFault(f, ids, opened);
            if (fault is not null) faults.Add((fault, path));
        }
        CheckReallocationMagnitudes(faults, operators);
        return faults.Select(f => f.Fault).ToList();
    }

    /// <param name="opened">Edges reallocate faults open, and from which tick (<see cref="EdgesOpenedByReallocations"/>).</param>
    private FaultSpec? ParseFault(ScenarioObject f, Dictionary<string, string> ids, Dictionary<(string Operator, string Service), int> opened)
    {
        var errorsBefore = sink.Count;
        var id = f.String("id", true);
        if (id is not null) CheckUnique(ids, id, f.PathOf("id"), "fault");
        var tick = f.Int("tick", true, 0, int.MaxValue);
        if (tick is { } t) CheckTickInRun(t, f.PathOf("tick"));
        var type = f.Enum("type", true, ScenarioJsonNames.FaultTypes);

        // Which fields to read: those the type accepts (or all of them when the type is unknown, to still check their values).
        var fields = type is null ? null : FaultFields.For(type.Value);
        var typeName = type is null ? null : ScenarioJsonNames.Of(type.Value);
        bool Read(string field)
        {
            if (!f.Has(field)) return false;
            if (fields is null || fields.Applies(field)) return true;
            sink.Add(f.PathOf(field), ScenarioRule.FaultField, $"'{field}' does not apply to {typeName} faults");
            return false;
        }
        if (fields is not null)
            foreach (var field in fields.Required)
                if (!f.Has(field)) sink.Add(f.PathOf(field), ScenarioRule.FaultField, $"{typeName} faults need '{field}'");

        var op = Read("operator") ? f.String("operator", true) : null;
        if (op is not null) CheckOperator(op, f.PathOf("operator"));
        bool allOperators = false;
        List<string> operators = [];
        if (Read("operators"))
        {
            // A withdrawal wave may strike every operator: "operators": "all".
            if (type == FaultType.WithdrawalWave && f.TryGet("operators", false, out var list, out var listPath) && list.ValueKind == System.Text.Json.JsonValueKind.String)
            {
                allOperators = values.String(list, listPath) == ScenarioJsonNames.AllOperators;
                if (!allOperators) sink.Add(listPath, ScenarioRule.Enum, $"must be a list of operator ids or \"{ScenarioJsonNames.AllOperators}\"");
            }
            else operators = ReadIdList(f, "operators", CheckOperator);
        }
        var group = Read("group") ? f.String("group", true) : null;
        if (group is not null && !index.OperatorGroups.Contains(group))
            sink.Add(f.PathOf("group"), ScenarioRule.UnknownReference,
                $"'{group}' is not the group of any listed operator nor one of the generator's groups");
        var service = Read("service") ? f.String("service", true) : null;
        if (service is not null) CheckService(service, f.PathOf("service"));
        var token = Read("token") ? f.String("token", true) : null;
        if (token is not null && !index.Tokens.ContainsKey(token))
            sink.Add(f.PathOf("token"), ScenarioRule.UnknownReference, $"'{token}' is not a listed token");
        var owners = Read("owners") ? ReadIdList(f, "owners", CheckFaultOwner) : [];
        var fraction = Read("fraction") ? f.Fraction("fraction", true) : null;
        var amount = Read("amountEth") ? f.Eth("amountEth", true) : null;
        var otherSlashed = Read("otherSlashedEth") ? f.Eth("otherSlashedEth", true, allowZero: true) : null;
        var asset = Read("asset") ? f.String("asset", true) : null;
        if (asset is not null) CheckAsset(asset, f.PathOf("asset"));
        var magnitude = Read("magnitude") ? f.Fraction("magnitude", true, allowZero: true) : null;
        var vault = Read("vault") ? f.String("vault", true) : null;
        if (vault is not null && !vaultIds.Contains(vault))
            sink.Add(f.PathOf("vault"), ScenarioRule.UnknownReference, $"'{vault}' is not a listed vault");
        var limit = Read("limitEth") ? f.Eth("limitEth", true, allowZero: true) : null;
        if (type == FaultType.VaultLimit) CheckVaultLimit(f, vault, service, op);
        if (type is { } modelled && FaultModelRules.Rejects(modelled, securityModel) is { } why)
            sink.Add(f.PathOf("type"), ScenarioRule.SecurityModel, why);

        switch (type)
        {
            case FaultType.CorrelatedOutage when f.Has("group") == f.Has("operators"):
                sink.Add(f.Path, ScenarioRule.FaultField, f.Has("group")
                    ? "a correlated-outage fault takes either 'group' or 'operators', not both"
                    : "a correlated-outage fault needs 'group' or 'operators'");
                break;
            // An edge a reallocate opens counts from the reallocate's tick (the slash takes nothing until the allocation is effective).
            case FaultType.OperatorEquivocation when op is not null && service is not null
                                                   && index.Operators.TryGetValue(op, out var secured)
                                                   && index.Services.ContainsKey(service) && !secured.Contains(service):
                if (!opened.TryGetValue((op, service), out int from))
                    sink.Add(f.PathOf("service"), ScenarioRule.NotSecuring, $"operator '{op}' does not allocate to service '{service}', so it cannot equivocate on it");
                else if (tick < from)
                    sink.Add(f.PathOf("service"), ScenarioRule.NotSecuring,
                        $"operator '{op}' allocates to service '{service}' only from tick {from} (a reallocate), so it cannot equivocate on it at tick {tick}");
                break;
            // A reallocate may name a service the operator has no allocation for: it registers for that operator set and allocates
            // (ReallocationEdges). Its services must be known, so the operator must be listed.
            case FaultType.Reallocate when op is not null && service is not null && index.IsOperator(op) && index.IsService(service)
                                         && !index.Operators.ContainsKey(op):
                sink.Add(f.PathOf("operator"), ScenarioRule.NotSecuring,
                    $"'{op}' is a generated operator whose services are drawn at random; a reallocate needs a listed operator");
                break;
            case FaultType.ExitWave when token is not null && index.Tokens.ContainsKey(token) && !marketTokens.Contains(token) && !unparsedMarkets.Contains(token):
                sink.Add(f.PathOf("token"), ScenarioRule.NeedsMarket,
                    $"token '{token}' has no 'market': an exit wave sells into its pool and waits in its redemption queue");
                break;
            case FaultType.BridgeExploit when service is not null && index.IsService(service):
                if (!index.Services.TryGetValue(service, out var kind))
                    sink.Add(f.PathOf("service"), ScenarioRule.ServiceKind,
                        $"'{service}' is a generated service whose kind is drawn at random; a bridge-exploit needs a listed \"bridge\" service");
                else if (kind is not null && kind != ScenarioJsonNames.BridgeKind)
                    sink.Add(f.PathOf("service"), ScenarioRule.ServiceKind, $"'{service}' is a service of kind \"{kind}\"; a bridge-exploit needs a \"bridge\"");
                break;
        }

        if (sink.Count > errorsBefore || id is null || tick is null || type is null) return null;
        return new FaultSpec
        {
            Id = id, Tick = tick.Value, Type = type.Value, Operator = op, Operators = operators, Group = group, Service = service,
            Token = token, Owners = owners, FractionWad = fraction, AmountGwei = amount, OtherSlashedGwei = otherSlashed,
            AllOperators = allOperators, Asset = asset, MagnitudeWad = magnitude, Vault = vault, LimitGwei = limit,
        };
    }

    /// <summary>A fault type a service kind registered: id, tick, type, the listed service of that kind it strikes, then the
    /// kind's own fields, read by the kind.</summary>
    private FaultSpec? ParsePluginFault(System.Text.Json.JsonElement item, string path, string type, Services.ServiceBehaviour owner,
        Dictionary<string, string> ids)
    {
        var own = owner.FaultTypes[type];
        var f = ScenarioObject.Open(item, path, values, ["id", "tick", "type", "service", .. own]);
        if (f is null) return null;
        var errorsBefore = sink.Count;
        var id = f.String("id", true);
        if (id is not null) CheckUnique(ids, id, f.PathOf("id"), "fault");
        var tick = f.Int("tick", true, 0, int.MaxValue);
        if (tick is { } t) CheckTickInRun(t, f.PathOf("tick"));
        var service = f.String("service", true);
        if (service is not null)
        {
            if (!index.IsService(service)) CheckService(service, f.PathOf("service"));
            else if (!index.Services.TryGetValue(service, out var kind))
                sink.Add(f.PathOf("service"), ScenarioRule.ServiceKind,
                    $"'{service}' is a generated service whose kind is drawn at random; a {type} fault needs a listed \"{owner.Kind}\" service");
            else if (kind is not null && kind != owner.Kind)
                sink.Add(f.PathOf("service"), ScenarioRule.ServiceKind, $"'{service}' is a service of kind \"{kind}\"; a {type} fault needs a \"{owner.Kind}\"");
        }
        var data = owner.ReadFault(type, new ScenarioFieldReader(f, values, index));
        if (sink.Count > errorsBefore || id is null || tick is null || service is null) return null;
        return new FaultSpec { Id = id, Tick = tick.Value, Type = FaultType.Plugin, PluginType = type, PluginData = data, Service = service };
    }

    /// <summary>A non-empty list of distinct id strings, each checked by <paramref name="check"/>.</summary>
    private List<string> ReadIdList(ScenarioObject f, string name, Action<string, string> check)
    {
        var ids = new List<string>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (item, path) in f.Array(name, required: true, nonEmpty: true))
        {
            var id = values.String(item, path);
            if (id is null) continue;
            CheckUnique(seen, id, path, $"'{name}' entry");
            check(id, path);
            ids.Add(id);
        }
        return ids;
    }

    /// <summary>A mass-slashing owner: an operator, an LST or a validator group.</summary>
    private void CheckFaultOwner(string owner, string path)
    {
        if (index.IsOperator(owner) || index.IsValidatorGroup(owner)) return;
        if (!index.Tokens.TryGetValue(owner, out var type))
            sink.Add(path, ScenarioRule.UnknownReference, $"owner '{owner}' is not an operator, a listed LST or a validator group");
        else if (type == TokenType.Lrt)
            sink.Add(path, ScenarioRule.ReferenceKind, $"owner '{owner}' is an LRT; validators are owned by operators or LSTs");
    }
}
