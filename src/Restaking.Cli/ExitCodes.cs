namespace Restaking.Cli;

/// <summary>0 ok, 1 the run failed, 2 bad input (the user's to fix).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
}
