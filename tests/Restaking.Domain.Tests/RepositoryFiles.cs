namespace Restaking.Domain.Tests;

/// <summary>Files of this repository that tests read: found by walking up from the test binaries to Restaking.sln.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string ScenariosFolder => Path.Combine(Root, "scenarios");

    public static string Scenario(string fileName) => Path.Combine(ScenariosFolder, fileName);

    /// <summary>The small generated world the Monte Carlo tests run many seeds of (tests/…/MonteCarlo/montecarlo-small.json).</summary>
    public static string MonteCarloScenario => Path.Combine(Root, "tests", "Restaking.Domain.Tests", "MonteCarlo", "montecarlo-small.json");

    /// <summary>The shipped scenario files (not the JSON Schema), in ordinal order.</summary>
    public static IReadOnlyList<string> ShippedScenarios() =>
        Directory.Exists(ScenariosFolder)
            ? Directory.GetFiles(ScenariosFolder, "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList()
            : [];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Restaking.sln"))) return dir.FullName;
        throw new InvalidOperationException("Restaking.sln not found above " + AppContext.BaseDirectory);
    }
}
