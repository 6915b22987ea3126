using Restaking.Domain.Scenarios;
using Restaking.Domain.Units;

namespace Restaking.Domain.Markets;

/// <summary>
/// The collateral one lending market's liquidators seized and still hold (our model, docs/models/tokens-and-lending.md, "Markets and lending"). A
/// liquidator repays debt and receives collateral at the oracle price less the bonus; it need not sell at once. Those
/// with their own capital (on 2024-04-24 Gearbox's whitelisted emergency liquidators, who liquidated while the protocol
/// was paused, captured 170 ETH of premium: Gearbox DAO proposal on compensating liquidated users) carry up to
/// <see cref="MaxInventoryEthGwei"/> of it, valued at NAV, and sell only while the market pays at least
/// <see cref="HoldBelowWad"/> × NAV — below that the token is worth more held (to the recovery or the redemption queue). What exceeds the inventory is sold at once at any price, as a flash-loan
/// liquidator must inside its transaction (Morpho Blue's onMorphoLiquidate callback exists for exactly that). With no
/// inventory (the default) every seizure is sold at once.
/// </summary>
public sealed class LiquidatorBook
{
    public LiquidatorBook(int market, LiquidatorSpec? policy)
    {
        Market = market;
        MaxInventoryEthGwei = policy?.MaxInventoryEthGwei ?? 0;
        HoldBelowWad = policy?.HoldBelowWad ?? Wad.One;
    }

    /// <summary>The lending market (index) whose liquidators these are.</summary>
    public int Market { get; }

    public long MaxInventoryEthGwei { get; }

    public long HoldBelowWad { get; }

    /// <summary>Whether these liquidators carry anything (a policy with an inventory); if not, everything is sold at once.</summary>
    public bool Holds => MaxInventoryEthGwei > 0;

    public long SeizedTokens { get; private set; }
    public long SoldTokens { get; private set; }
    public long EthReceivedGwei { get; private set; }
    public long HeldTokens { get; private set; }

    /// <summary>Takes <paramref name="tokens"/> of seized collateral; returns how many must be sold at once: what the
    /// inventory now holds beyond ⌊max inventory / NAV⌋ tokens (all of it when NAV is 0).</summary>
    public long Receive(long tokens, long navWad)
    {
        if (tokens < 0) throw new ArgumentOutOfRangeException(nameof(tokens), "seized collateral is non-negative");
        SeizedTokens = checked(SeizedTokens + tokens);
        HeldTokens = checked(HeldTokens + tokens);
        long room = navWad <= 0 ? 0 : Wad.MulDiv(MaxInventoryEthGwei, Wad.One, navWad, Rounding.Down);
        return Math.Max(0, HeldTokens - room);
    }

    /// <summary>The lowest price these liquidators sell held collateral at: NAV × hold-below, rounded up.</summary>
    public long FloorPriceWad(long navWad) => Wad.Mul(navWad, HoldBelowWad, Rounding.Up);

    /// <summary>Records a sale out of the inventory.</summary>
    public void Sold(long tokens, long ethGwei)
    {
        if (tokens < 0 || tokens > HeldTokens) throw new ArgumentOutOfRangeException(nameof(tokens), "a sale takes at most what is held");
        HeldTokens -= tokens;
        SoldTokens += tokens;
        EthReceivedGwei = checked(EthReceivedGwei + ethGwei);
    }

    public LiquidatorFigures Figures => new(Market, SeizedTokens, SoldTokens, EthReceivedGwei, HeldTokens);

    /// <summary>Seized, sold, ETH received, held.</summary>
    public long[] Save() => [SeizedTokens, SoldTokens, EthReceivedGwei, HeldTokens];

    public void Restore(long[] state)
    {
        if (state.Length != 4 || state.Any(v => v < 0)) throw new Checkpoints.CheckpointFormatException("not a saved liquidator book");
        (SeizedTokens, SoldTokens, EthReceivedGwei, HeldTokens) = (state[0], state[1], state[2], state[3]);
    }
}

/// <summary>One lending market's liquidators over a run: collateral seized, sold (and the ETH it fetched), still held.</summary>
public readonly record struct LiquidatorFigures(int Market, long SeizedTokens, long SoldTokens, long EthReceivedGwei, long HeldTokens);
