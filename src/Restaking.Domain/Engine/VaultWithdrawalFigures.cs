using System.Text.Json;
using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Scenarios;

namespace Restaking.Domain.Engine;

/// <summary>
/// Running totals of shared Symbiotic vaults' withdrawals, from the events (ETH gwei at the vault's prices), and the
/// summary.json block that reports them — written only when the scenario has vault-withdrawal faults, so other scenarios'
/// summaries are unchanged. Counts are per (fault, operator) request and per (epoch, operator) claim.
/// </summary>
public sealed class VaultWithdrawalFigures
{
    public int Requested { get; private set; }
    public long RequestedGwei { get; private set; }
    public long SlashedWhilePendingGwei { get; private set; }
    public int Claimed { get; private set; }
    public long ClaimedGwei { get; private set; }

    public static bool Counts(CascadeEventKind kind) =>
        kind is CascadeEventKind.VaultWithdrawalRequested or CascadeEventKind.VaultWithdrawalSlashed or CascadeEventKind.CaptureEpochWithdrawalSlashed
            or CascadeEventKind.VaultWithdrawalClaimed;

    public void Add(CascadeEvent e)
    {
        switch (e.Kind)
        {
            case CascadeEventKind.VaultWithdrawalRequested: Requested++; RequestedGwei += e.AmountGwei; break;
            // Pending in withdrawals[current + 1], or in withdrawals[current] for a slash captured in the previous epoch.
            case CascadeEventKind.VaultWithdrawalSlashed or CascadeEventKind.CaptureEpochWithdrawalSlashed: SlashedWhilePendingGwei += e.AmountGwei; break;
            case CascadeEventKind.VaultWithdrawalClaimed: Claimed++; ClaimedGwei += e.AmountGwei; break;
        }
    }

    public static bool Applies(Scenario scenario) => scenario.Faults.Any(f => f.Type == FaultType.VaultWithdrawal);

    /// <summary>"vaultWithdrawals": each vault's epoch duration in ticks, then the withdrawals requested, slashed while
    /// pending and claimed.</summary>
    public void Write(Utf8JsonWriter w, Scenario scenario)
    {
        if (!Applies(scenario)) return;
        w.WriteStartObject("vaultWithdrawals");
        w.WriteStartObject("epochTicks");
        foreach (var vault in scenario.Vaults) w.WriteNumber(vault.Id, vault.EpochTicksOn(scenario.Ticks));
        w.WriteEndObject();
        w.WriteNumber("requested", Requested);
        w.WriteNumber("requestedGwei", RequestedGwei);
        w.WriteNumber("slashedWhilePendingGwei", SlashedWhilePendingGwei);
        w.WriteNumber("claimed", Claimed);
        w.WriteNumber("claimedGwei", ClaimedGwei);
        w.WriteEndObject();
    }

    public void SaveState(CheckpointWriter writer)
    {
        writer.WriteInts([Requested, Claimed]);
        writer.WriteLongs([RequestedGwei, SlashedWhilePendingGwei, ClaimedGwei]);
    }

    public void RestoreState(CheckpointReader reader)
    {
        var counts = reader.ReadInts();
        var amounts = reader.ReadLongs();
        CheckpointReader.RequireCount(counts.Length, 2, "vault withdrawal counts");
        CheckpointReader.RequireCount(amounts.Length, 3, "vault withdrawal amounts");
        (Requested, Claimed) = (counts[0], counts[1]);
        (RequestedGwei, SlashedWhilePendingGwei, ClaimedGwei) = (amounts[0], amounts[1], amounts[2]);
    }
}
