namespace Restaking.Domain.Scenarios;

/// <summary>Collects the errors of one scenario file, in the order they are found.</summary>
internal sealed class ScenarioErrorSink(string file)
{
    private readonly List<ScenarioError> errors = [];

    public int Count => errors.Count;

    public IReadOnlyList<ScenarioError> Errors => errors;

    public void Add(string path, string rule, string message) => errors.Add(new ScenarioError(file, path, rule, message));
}
