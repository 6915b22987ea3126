using System.CommandLine;
using Restaking.Cli;

var root = new RootCommand("restaking: a restaking contagion simulator (stakers, operators, services, liquid tokens, cascades)")
{
    ValidateCommand.Create(),
    RunCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
