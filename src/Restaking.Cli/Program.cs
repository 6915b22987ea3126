using System.CommandLine;
using Restaking.Cli;

var root = new RootCommand("restaking: a restaking contagion simulator (stakers, operators, services, liquid tokens, cascades)")
{
    ValidateCommand.Create(),
    RunCommand.Create(),
    BenchCommand.Create(),
};
var parse = root.Parse(args);
// A mistyped command line is bad input like a bad file: exit 2 with the parser's message, no stack trace.
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors) Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine("see: restaking --help");
    return ExitCodes.BadInput;
}
return await parse.InvokeAsync();
