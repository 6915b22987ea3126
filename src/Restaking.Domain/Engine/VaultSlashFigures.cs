using System.Text.Json;
using Restaking.Domain.Cascade;
using Restaking.Domain.Checkpoints;
using Restaking.Domain.Scenarios;

namespace Restaking.Domain.Engine;

/// <summary>
/// Where the slashes of shared Symbiotic vaults came from (Vault.onSlash's three buckets) and what the curators changed,
/// from the events, and the summary.json block that reports them: <c>vaultSlashes</c>, written under a Symbiotic model for a
/// scenario with shared vaults and a veto slasher or a vault-limit fault (so other scenarios' summaries are unchanged).
/// <list type="bullet">
/// <item>fromActiveGwei: what slashes took from the active stake (Slash events of the vaults' operators);</item>
/// <item>fromCaptureEpochWithdrawalsGwei: from withdrawals[current], reached only by a capture in the previous epoch;</item>
/// <item>fromNextEpochWithdrawalsGwei: from withdrawals[current + 1].</item>
/// </list>
/// </summary>
public sealed class VaultSlashFigures(IReadOnlySet<int> vaultOperators)
{
    public long FromActiveGwei { get; private set; }
    public long FromCaptureEpochWithdrawalsGwei { get; private set; }
    public long FromNextEpochWithdrawalsGwei { get; private set; }
    public int LimitChanges { get; private set; }

    public void Add(CascadeEvent e)
    {
        switch (e.Kind)
        {
            case CascadeEventKind.Slash when e.Target.Kind == EntityKind.Operator && vaultOperators.Contains(e.Target.Index):
                FromActiveGwei += e.AmountGwei;
                break;
            case CascadeEventKind.CaptureEpochWithdrawalSlashed: FromCaptureEpochWithdrawalsGwei += e.AmountGwei; break;
            case CascadeEventKind.VaultWithdrawalSlashed: FromNextEpochWithdrawalsGwei += e.AmountGwei; break;
            case CascadeEventKind.VaultLimitSet: LimitChanges++; break;
        }
    }

    public static bool Applies(Scenario scenario) =>
        scenario.SecurityModel is SecurityModel.SymbioticFullRestake or SecurityModel.SymbioticNetworkRestake
        && scenario.Vaults.Count > 0
        && (scenario.Services.Any(s => s.Slasher is { Type: SlasherType.Veto }) || scenario.Faults.Any(f => f.Type == FaultType.VaultLimit));

    public void Write(Utf8JsonWriter w, Scenario scenario)
    {
        if (!Applies(scenario)) return;
        w.WriteStartObject("vaultSlashes");
        w.WriteNumber("fromActiveGwei", FromActiveGwei);
        w.WriteNumber("fromCaptureEpochWithdrawalsGwei", FromCaptureEpochWithdrawalsGwei);
        w.WriteNumber("fromNextEpochWithdrawalsGwei", FromNextEpochWithdrawalsGwei);
        w.WriteNumber("limitChanges", LimitChanges);
        w.WriteEndObject();
    }

    public void SaveState(CheckpointWriter writer)
    {
        writer.WriteLongs([FromActiveGwei, FromCaptureEpochWithdrawalsGwei, FromNextEpochWithdrawalsGwei]);
        writer.WriteInt(LimitChanges);
    }

    public void RestoreState(CheckpointReader reader)
    {
        var amounts = reader.ReadLongs();
        CheckpointReader.RequireCount(amounts.Length, 3, "vault slash amounts");
        (FromActiveGwei, FromCaptureEpochWithdrawalsGwei, FromNextEpochWithdrawalsGwei) = (amounts[0], amounts[1], amounts[2]);
        LimitChanges = reader.ReadInt();
    }
}

/// <summary>
/// What veto slashers did with their requests, from the events, and the summary.json block <c>vetoes</c> (written when some
/// service has a veto slasher): requests, vetoes, late vetoes that reverted (VetoPeriodEnded: the request executed anyway)
/// and lapses (executeSlash or the vault found nothing left to slash), each with a count and the gwei requested.
/// </summary>
public sealed class VetoFigures
{
    private readonly int[] counts = new int[4];
    private readonly long[] amounts = new long[4];

    private static int Slot(CascadeEventKind kind) => kind switch
    {
        CascadeEventKind.SlashRequested => 0,
        CascadeEventKind.SlashVetoed => 1,
        CascadeEventKind.SlashVetoFailed => 2,
        CascadeEventKind.SlashLapsed => 3,
        _ => -1,
    };

    public static bool Counts(CascadeEventKind kind) => Slot(kind) >= 0;

    public int Requested => counts[0];
    public int Vetoed => counts[1];
    public int Lapsed => counts[3];

    public void Add(CascadeEvent e)
    {
        int slot = Slot(e.Kind);
        if (slot < 0) return;
        counts[slot]++;
        amounts[slot] += e.AmountGwei;
    }

    public static bool Applies(Scenario scenario) => scenario.Services.Any(s => s.Slasher is { Type: SlasherType.Veto });

    public void Write(Utf8JsonWriter w, Scenario scenario)
    {
        if (!Applies(scenario)) return;
        w.WriteStartObject("vetoes");
        string[] names = ["requested", "vetoed", "lateVetoes", "lapsed"];
        for (int i = 0; i < names.Length; i++)
        {
            w.WriteNumber(names[i], counts[i]);
            w.WriteNumber(names[i] + "Gwei", amounts[i]);
        }
        w.WriteEndObject();
    }

    public void SaveState(CheckpointWriter writer)
    {
        writer.WriteInts(counts);
        writer.WriteLongs(amounts);
    }

    public void RestoreState(CheckpointReader reader)
    {
        var savedCounts = reader.ReadInts();
        CheckpointReader.RequireCount(savedCounts.Length, counts.Length, "veto counts");
        savedCounts.CopyTo(counts, 0);
        reader.ReadInto(amounts, "veto amounts");
    }
}
