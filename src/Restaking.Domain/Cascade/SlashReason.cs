namespace Restaking.Domain.Cascade;

/// <summary>Why stake was lost; the timeline sums losses by reason.</summary>
public enum SlashReason
{
    Equivocation,
    RogueService,
    Outage,
    BaseChain,
    BridgeExploit,
    Attack,
}

public static class SlashReasons
{
    public static readonly IReadOnlyList<SlashReason> All = Enum.GetValues<SlashReason>();

    /// <summary>The snake_case name used in timeline columns and summary keys.</summary>
    public static string Name(this SlashReason reason) => reason switch
    {
        SlashReason.Equivocation => "equivocation",
        SlashReason.RogueService => "rogue_service",
        SlashReason.Outage => "outage",
        SlashReason.BaseChain => "base_chain",
        SlashReason.BridgeExploit => "bridge_exploit",
        SlashReason.Attack => "attack",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };
}
