using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Restaking.Domain.Engine;
using Restaking.Domain.Scenarios;
using Restaking.Domain.Services;

namespace Restaking.Domain.Tests.Markets;

/// <summary>
/// scenarios/ezeth-2024-04-24-venues.json end to end on the reference engine, against the public figures of the day
/// (docs/models/tokens-and-lending.md, "Calibration: ezETH"): Bankless (low ≈ 0.22 ETH for about an hour, > $60M of liquidations), the Gauntlet
/// report on the Morpho forum (Morpho's two ezETH markets), Gearbox's GIP-126 and its compensation proposal. The bands are
/// wide enough for a model, narrow enough that a broken router, oracle or liquidator policy fails them; the counterfactuals
/// show which part of the model carries which figure.
/// </summary>
public class EzEthVenuesCalibrationTests
{
    private const long Eth = 1_000_000_000;
    private const string File = "ezeth-2024-04-24-venues.json";

    private static JsonElement Run(Action<JsonNode>? edit = null)
    {
        var json = JsonNode.Parse(System.IO.File.ReadAllText(RepositoryFiles.Scenario(File)))!;
        edit?.Invoke(json);
        return ShippedScenario.Summary(ShippedScenario.Run(ShippedScenario.LoadText(File, json.ToJsonString())));
    }

    private static decimal Dec(JsonElement e, string name) => decimal.Parse(e.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    private static JsonElement Venue(JsonElement summary, string id) =>
        summary.GetProperty("tokens")[0].GetProperty("venues").EnumerateArray().Single(v => v.GetProperty("id").GetString() == id);

    private static JsonElement Lending(JsonElement summary, string id) =>
        summary.GetProperty("lending").GetProperty("markets").EnumerateArray().Single(m => m.GetProperty("id").GetString() == id);

    private static IEnumerable<JsonElement> LendingMarkets(JsonElement summary) => summary.GetProperty("lending").GetProperty("markets").EnumerateArray();

    private static long Sum(JsonElement summary, string field) => LendingMarkets(summary).Sum(m => m.GetProperty(field).GetInt64());

    private static void ForEachLendingMarket(JsonNode scenario, Action<JsonObject> edit)
    {
        foreach (var market in scenario["lendingMarkets"]!.AsArray()) edit(market!.AsObject());
    }

    [Fact]
    public void Ethereum_venues_print_about_0_22_while_the_averaged_price_lenders_read_falls_about_a_seventh()
    {
        var summary = Run();
        var token = summary.GetProperty("tokens")[0];
        Assert.Equal("1", token.GetProperty("minNav").GetString());                          // no slashing: only prices move
        Assert.InRange(Dec(Venue(summary, "uniswap-v3"), "minPrice"), 0.15m, 0.30m);          // public ≈ 0.22 (Bankless)
        Assert.InRange(token.GetProperty("depegSeconds").GetInt64(), 30 * 60, 4 * 3600);       // public: about an hour
        // The ETH-weighted price every lending oracle here reads. Public: Gearbox saw a ~9 % deviation (GIP-126); Morpho's
        // 0.86 market repaid 5,035 WETH for 6,236.72 ezETH at a 1.0438 incentive, i.e. an oracle at 5,035 × 1.0438 / 6,236.72
        // = 0.843 on average.
        Assert.InRange(Dec(token, "minPrice"), 0.80m, 0.92m);
        Assert.True(Dec(Venue(summary, "blast"), "minPrice") > 0.90m, "the other chain only follows through 20 ETH a tick of arbitrage");
        Assert.Equal("0.98", Dec(token, "finalPrice").ToString("0.00", CultureInfo.InvariantCulture));   // NAV arbitrage's band
    }

    [Fact]
    public void Liquidations_reach_the_public_60_million_dollars_and_the_per_market_figures()
    {
        var summary = Run();
        // > $60M at $3,150 an ETH = 19,048 ETH, counted as the collateral at the oracle price it was seized at.
        Assert.True(Sum(summary, "collateralSeizedValueGwei") > 19_048 * Eth, $"seized value {Sum(summary, "collateralSeizedValueGwei") / Eth} ETH");

        // Morpho (Gauntlet, Morpho forum): 0.86 LLTV — 138 liquidations, 5,035 WETH repaid, 6,236.72 ezETH seized, 10.96 WETH
        // of bad debt; 0.77 LLTV — 8 liquidations, 804 WETH repaid, 1,000.25 ezETH.
        var m86 = Lending(summary, "morpho-ezeth-86");
        Assert.InRange(m86.GetProperty("positionsLiquidated").GetInt32(), 124, 152);
        Assert.InRange(m86.GetProperty("debtRepaidGwei").GetInt64(), 4_783 * Eth, 5_287 * Eth);           // ± 5 %
        Assert.InRange(m86.GetProperty("collateralSeizedTokens").GetInt64(), 5_613 * Eth, 6_861 * Eth);    // ± 10 %
        Assert.True(m86.GetProperty("badDebtGwei").GetInt64() < 50 * Eth);
        var m77 = Lending(summary, "morpho-ezeth-77");
        Assert.Equal(8, m77.GetProperty("positionsLiquidated").GetInt32());
        Assert.InRange(m77.GetProperty("debtRepaidGwei").GetInt64(), 763 * Eth, 845 * Eth);
        Assert.InRange(m77.GetProperty("collateralSeizedTokens").GetInt64(), 900 * Eth, 1_100 * Eth);

        // Gearbox lost 55 % of its ezETH TVL (Bankless); its 90 ETH of liquidation fees at 1 % (GIP-126) make ≈ 9,000 ETH liquidated.
        var gearbox = Lending(summary, "gearbox-ezeth");
        Assert.InRange(Dec(gearbox, "collateralSeizedShare"), 0.45m, 0.65m);
        Assert.InRange(gearbox.GetProperty("collateralSeizedValueGwei").GetInt64(), 7_650 * Eth, 10_350 * Eth);   // ± 15 %
        Assert.Equal(9_000 * Eth, gearbox.GetProperty("liquidatorHeldTokens").GetInt64());   // its liquidators' whole inventory, held below 0.99
    }

    [Fact]
    public void Liquidators_who_dump_everything_at_once_send_the_ethereum_venues_far_below_the_public_low()
    {
        var shipped = Run();
        var dumping = Run(s => ForEachLendingMarket(s, m => m.Remove("liquidators")));
        Assert.True(Dec(Venue(dumping, "uniswap-v3"), "minPrice") < 0.10m, $"low {Dec(Venue(dumping, "uniswap-v3"), "minPrice")}");
        Assert.True(Sum(dumping, "collateralSeizedTokens") > Sum(shipped, "collateralSeizedTokens"), "the spiral liquidates more");
        Assert.Equal(0, Sum(dumping, "liquidatorHeldTokens"));
    }

    [Fact]
    public void The_oracle_decides_how_far_the_depeg_reaches_lenders()
    {
        // NAV (an exchange-rate oracle): nothing is liquidated. The thin Uniswap venue alone: every loop goes, with bad debt.
        var nav = Run(s => ForEachLendingMarket(s, m => m["oracle"] = "nav"));
        Assert.Equal(0, nav.GetProperty("lending").GetProperty("liquidationEvents").GetInt32());
        var uniswap = Run(s => ForEachLendingMarket(s, m => m["oracleVenue"] = "uniswap-v3"));
        Assert.All(LendingMarkets(uniswap), m => Assert.Equal("1.000000000", m.GetProperty("collateralSeizedShare").GetString()));
        Assert.True(uniswap.GetProperty("lending").GetProperty("badDebtGwei").GetInt64() > 10_000 * Eth);
    }

    [Fact]
    public void Ethereum_liquidity_alone_cannot_carry_these_loops()
    {
        // Without the Blast venue the market price is Ethereum's: the $27M of one pool (docs/models/tokens-and-lending.md's earlier finding).
        var ethereumOnly = Run(s => s["tokens"]![0]!["market"]!["venues"]!.AsArray().RemoveAt(2));
        Assert.True(Dec(Venue(ethereumOnly, "uniswap-v3"), "minPrice") < 0.10m);
        Assert.True(ethereumOnly.GetProperty("lending").GetProperty("badDebtGwei").GetInt64() > 10_000 * Eth);
    }
}
