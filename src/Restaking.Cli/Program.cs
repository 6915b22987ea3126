using System.CommandLine;
using Restaking.Cli;

// Plug-ins (docs/plugins.md): on every command, loaded before it runs so their service kinds parse like the built-in ones.
var plugin = new Option<string[]>("--plugin")
{
    Description = "load service kinds from a plug-in assembly (repeatable)",
    Recursive = true,
    Arity = ArgumentArity.OneOrMore,
};
var root = new RootCommand("restaking: a restaking contagion simulator (stakers, operators, services, liquid tokens, cascades)")
{
    plugin,
    ValidateCommand.Create(),
    RunCommand.Create(),
    BenchCommand.Create(),
    SiloCommand.Create(),
    ClusterCommand.Create(),
    MonteCarloCommand.Create(),
};
var parse = root.Parse(args);
// A mistyped command line is bad input like a bad file: exit 2 with the parser's message, no stack trace.
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors) Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine("see: restaking --help");
    return ExitCodes.BadInput;
}
try
{
    ScenarioFiles.UsePlugins(parse.GetValue(plugin) ?? []);
}
catch (Restaking.Sdk.Hosting.PluginException e)
{
    Console.Error.WriteLine(e.Message);
    return ExitCodes.BadInput;
}
// Ctrl+C / SIGTERM cancel the command's token; System.CommandLine then waits ProcessTerminationTimeout for the command
// to finish before it ends the process with 130 (143). Its default, 2 s, is shorter than stopping the silo after
// `run --hold` can take on a busy machine (EmbeddedSilo allows 10 s), which turned a clean stop into exit 130.
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(20) });
