namespace Restaking.Domain.Scenarios;

/// <summary>
/// One problem found in a scenario file. <see cref="Path"/> is a JSONPath into the document
/// (e.g. <c>$.operators[12].allocations[3].service</c>; a missing property is reported at the path it would have);
/// <see cref="Rule"/> is a stable kebab-case id from <see cref="ScenarioRule"/>.
/// </summary>
public sealed record ScenarioError(string File, string Path, string Rule, string Message)
{
    public override string ToString() => $"{File}: {Path}: {Message} [{Rule}]";
}
