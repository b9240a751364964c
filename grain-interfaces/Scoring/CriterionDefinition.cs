namespace CraftCX.Scoring;

/// <summary>One line of a scorecard: which rule, how much it weighs, whether failing it fails the conversation.</summary>
/// <param name="Phrases">Replaces the rule's built-in phrase list when set (for example a tenant's own greeting).</param>
[GenerateSerializer, Immutable, Alias("craftcx.criterion-definition.v1")]
public sealed record CriterionDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] CriterionKind Kind,
    [property: Id(3)] double Weight,
    [property: Id(4)] bool AutoFail = false,
    [property: Id(5)] int AutoFailBelow = 50,
    [property: Id(6)] IReadOnlyList<string>? Phrases = null);
