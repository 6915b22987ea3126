using System.Text.Json;

namespace Restaking.Domain.Scenarios;

/// <summary>The "vaults" list: Symbiotic vaults curated for several operators (see <see cref="VaultSpec"/>).</summary>
internal sealed partial class ScenarioParser
{
    private static readonly string[] VaultFields = ["id", "delegator", "operators", "networkLimits", "operatorNetworkLimits", "operatorShares", "epochTicks"];

    /// <summary>Every vault id in the file, even of a vault with errors (so a fault naming it is not also reported unknown).</summary>
    private readonly HashSet<string> vaultIds = new(StringComparer.Ordinal);

    /// <summary>The vaults without errors, by id (a vault-limit fault checks its service and operator against them).</summary>
    private readonly Dictionary<string, VaultSpec> vaultsById = new(StringComparer.Ordinal);

    /// <summary>Listed services with a veto slasher, by id (set while services are parsed).</summary>
    private readonly Dictionary<string, SlasherSpec> vetoSlashers = new(StringComparer.Ordinal);

    /// <summary>Shares are ratios within one network; capped so that a network's total stays far from long overflow.</summary>
    public const long MaxVaultShares = 1_000_000_000_000_000;

    /// <summary>
    /// Vaults are checked under every security model (pooled and unique stake ignore them, so one file runs under all
    /// four): listed operators only (a generated operator's services are drawn at expansion), each in at most one vault,
    /// and every limit or share for a service its operator secures.
    /// </summary>
    private IReadOnlyList<VaultSpec> ParseVaults(ScenarioObject parent)
    {
        var vaults = new List<VaultSpec>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var vaultOf = new Dictionary<string, string>(StringComparer.Ordinal);   // operator id → path where a vault named it
        foreach (var (item, path) in parent.Array("vaults", required: false))
        {
            var v = ScenarioObject.Open(item, path, values, VaultFields);
            if (v is null) continue;
            var id = v.String("id", true);
            if (id is not null) CheckUnique(ids, id, v.PathOf("id"), "vault");
            if (id is not null) vaultIds.Add(id);
            var epochTicks = v.Int("epochTicks", false, 1, int.MaxValue);
            var delegator = v.Enum("delegator", false, ScenarioJsonNames.VaultDelegators);
            var operators = ParseVaultOperators(v, vaultOf);
            var members = operators.ToHashSet(StringComparer.Ordinal);

            var networkLimits = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (service, value, limitPath) in v.Map("networkLimits", required: false))
            {
                var limit = values.Eth(value, limitPath, allowZero: true);
                if (!CheckVaultService(service, limitPath, members.Where(index.Operators.ContainsKey).SelectMany(o => index.Operators[o]),
                        "no operator of this vault secures it")) continue;
                if (limit is not null) networkLimits[service] = limit.Value;
            }

            var operatorLimits = ParseOperatorServiceMap(v, "operatorNetworkLimits", delegator, VaultDelegatorKind.NetworkRestake, members,
                (value, p) => values.Eth(value, p, allowZero: true));
            var shares = ParseOperatorServiceMap(v, "operatorShares", delegator, VaultDelegatorKind.FullRestake, members,
                (value, p) => values.Integer(value, p, 0, MaxVaultShares));

            if (id is null || operators.Count == 0) continue;
            var vault = new VaultSpec
            {
                Id = id, Delegator = delegator, Operators = operators, NetworkLimitsGwei = networkLimits,
                OperatorNetworkLimitsGwei = operatorLimits, OperatorShares = shares, EpochTicks = epochTicks,
            };
            CheckVetoWindows(vault, v.Has("epochTicks") ? v.PathOf("epochTicks") : v.Path);
            vaults.Add(vault);
            vaultsById.TryAdd(id, vault);
        }
        return vaults;
    }

    /// <summary>
    /// A veto slasher slashing this vault's collateral must have a window shorter than the vault's epoch (VetoSlasher's
    /// initializer: InvalidVetoDuration unless vetoDuration &lt; epochDuration), or a request could outlive the capture it was
    /// measured at: executeSlash would revert SlashPeriodEnded and the operator's stake escape the slash.
    /// </summary>
    private void CheckVetoWindows(VaultSpec vault, string path)
    {
        if (tickClock is null) return;
        int epoch = vault.EpochTicksOn(tickClock);
        var services = vault.Operators.SelectMany(o => index.Operators[o]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var service in services)
            if (vetoSlashers.TryGetValue(service, out var slasher) && slasher.VetoTicks >= epoch)
                sink.Add(path, ScenarioRule.VetoWindow,
                    $"vault '{vault.Id}' has epochs of {epoch} ticks, not longer than the veto window of service '{service}' (vetoTicks {slasher.VetoTicks}) "
                    + "that its operators secure: a veto slasher needs vetoDuration < epochDuration (InvalidVetoDuration)");
    }

    /// <summary>
    /// A vault-limit fault: the vault is listed (checked by the caller), the service is secured by some operator of the vault,
    /// and an operator, if named, is one of the vault's, secures the service, and the vault is a full-restake one (a
    /// network-restake vault has operator shares, not operator limits).
    /// </summary>
    private void CheckVaultLimit(ScenarioObject fault, string? vaultId, string? service, string? op)
    {
        if (vaultId is null || !vaultsById.TryGetValue(vaultId, out var vault)) return;
        if (service is not null && index.IsService(service)
            && !vault.Operators.Any(o => index.Operators[o].Contains(service)))
            sink.Add(fault.PathOf("service"), ScenarioRule.NotSecuring, $"'{service}': no operator of vault '{vault.Id}' secures it");
        if (op is null || !index.IsOperator(op)) return;
        if (!vault.Operators.Contains(op, StringComparer.Ordinal))
        {
            sink.Add(fault.PathOf("operator"), ScenarioRule.VaultMembership, $"'{op}' is not an operator of vault '{vault.Id}'");
            return;
        }
        if (service is not null && index.IsService(service) && !index.Operators[op].Contains(service))
            sink.Add(fault.PathOf("service"), ScenarioRule.NotSecuring, $"'{service}': operator '{op}' does not secure it");
        if (vault.Delegator == VaultDelegatorKind.NetworkRestake)
            sink.Add(fault.PathOf("operator"), ScenarioRule.DelegatorField,
                $"vault '{vault.Id}' is a \"network-restake\" vault, which has no operator-network limits; leave 'operator' out to set the network limit");
        else if (FaultModelRules.RejectsOperatorLimit(vault, securityModel) is { } why)
            sink.Add(fault.PathOf("operator"), ScenarioRule.SecurityModel, why);
    }

    private List<string> ParseVaultOperators(ScenarioObject vault, Dictionary<string, string> vaultOf)
    {
        var operators = new List<string>();
        foreach (var (item, path) in vault.Array("operators", required: true, nonEmpty: true))
        {
            var id = values.String(item, path);
            if (id is null) continue;
            if (!index.IsOperator(id))
            {
                sink.Add(path, ScenarioRule.UnknownReference, $"'{id}' is not a listed or generated operator");
                continue;
            }
            if (!index.Operators.ContainsKey(id))
            {
                sink.Add(path, ScenarioRule.VaultMembership, $"'{id}' is a generated operator; a vault takes listed operators (generated ones draw their services at expansion)");
                continue;
            }
            if (!vaultOf.TryAdd(id, path))
            {
                sink.Add(path, ScenarioRule.VaultMembership, $"operator '{id}' is already in a vault (at {vaultOf[id]}); its collateral can sit in one vault only");
                continue;
            }
            operators.Add(id);
        }
        return operators;
    }

    /// <summary>A two-level map operator id → service id → value, for one delegator only.</summary>
    private Dictionary<(string, string), long> ParseOperatorServiceMap(ScenarioObject vault, string name, VaultDelegatorKind? delegator,
        VaultDelegatorKind otherDelegator, HashSet<string> members, Func<JsonElement, string, long?> read)
    {
        var map = new Dictionary<(string, string), long>();
        if (delegator == otherDelegator && vault.Has(name))
        {
            sink.Add(vault.PathOf(name), ScenarioRule.DelegatorField,
                $"'{name}' does not apply to a \"{ScenarioJsonNames.VaultDelegators.First(d => d.Value == otherDelegator).Key}\" vault");
            return map;
        }
        foreach (var (op, perService, opPath) in vault.Map(name, required: false))
        {
            bool member = members.Contains(op);
            if (!member)
                sink.Add(opPath, ScenarioRule.VaultMembership, $"'{op}' is not an operator of this vault");
            foreach (var (service, value, path) in ScenarioObject.MapOf(perService, opPath, op, values))
            {
                var amount = read(value, path);
                if (!member || !CheckVaultService(service, path, index.Operators[op], $"operator '{op}' does not secure it")) continue;
                if (amount is not null) map[(op, service)] = amount.Value;
            }
        }
        return map;
    }

    private bool CheckVaultService(string service, string path, IEnumerable<string> secured, string notSecuring)
    {
        if (!index.IsService(service))
        {
            sink.Add(path, ScenarioRule.UnknownReference, $"'{service}' is not a listed or generated service");
            return false;
        }
        if (!secured.Contains(service, StringComparer.Ordinal))
        {
            sink.Add(path, ScenarioRule.NotSecuring, $"'{service}': {notSecuring}");
            return false;
        }
        return true;
    }
}
