using System.Diagnostics;

namespace Restaking.Cli.Tests;

/// <summary>
/// The <c>dotnet new</c> template (templates/Restaking.ServiceKind) as a plug-in author uses it: installed (into a private
/// template hive, so the machine's templates are untouched), instantiated, built, and its sample scenario run with the kind.
/// One test: building a project costs a minute or more on a busy machine.
/// </summary>
public sealed class TemplateTests : IDisposable
{
    private readonly string temp = Path.Combine(Path.GetTempPath(), "restaking-template-tests-" + Guid.NewGuid().ToString("N"));

    public TemplateTests() => Directory.CreateDirectory(temp);

    public void Dispose()
    {
        if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
    }

    private static CliResult Dotnet(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("dotnet did not finish within 15 minutes: " + string.Join(' ', args));
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void The_template_creates_a_kind_that_builds_and_runs_as_a_plugin()
    {
        string hive = Path.Combine(temp, "hive"), project = Path.Combine(temp, "DemoKind");
        var install = Dotnet(temp, "new", "install", Path.Combine(Cli.RepoRoot, "templates", "Restaking.ServiceKind"), "--debug:custom-hive", hive);
        Assert.True(install.ExitCode == 0, install.Out + install.Err);
        var create = Dotnet(temp, "new", "restaking-kind", "-n", "DemoKind", "--kindName", "demo-kind",
            "--sdkPath", Path.Combine(Cli.RepoRoot, "src", "Restaking.Sdk", "Restaking.Sdk.csproj"), "-o", project, "--debug:custom-hive", hive);
        Assert.True(create.ExitCode == 0, create.Out + create.Err);
        Assert.Contains("\"kind\": \"demo-kind\"", File.ReadAllText(Path.Combine(project, "scenario.json")));

        var build = Dotnet(project, "build", "-c", "Release");
        Assert.True(build.ExitCode == 0, build.Out + build.Err);

        string output = Path.Combine(temp, "out");
        var run = Cli.Run("run", Path.Combine(project, "scenario.json"), "--engine", "reference", "--quiet", "--out", output);
        Assert.True(run.ExitCode == 0, run.Err);
        var events = File.ReadAllLines(Path.Combine(output, "events.jsonl"));
        // The kind's own effect: corrupted at tick 0, it shocks lst-1's price by its params' 10 %.
        Assert.Contains(events, e => e.Contains("\"kind\":\"compromise\"", StringComparison.Ordinal) && e.Contains("\"target\":\"svc-1\"", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Contains("\"kind\":\"priceshock\"", StringComparison.Ordinal) && e.Contains("factor=0.9", StringComparison.Ordinal));
    }
}
