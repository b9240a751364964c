namespace CraftCX.Privacy.EndUsers;

/// <summary>One place where a verification found the end user's data.</summary>
/// <param name="Place">index, customer, subject, transcript, held-back, ai, review.</param>
[GenerateSerializer, Immutable, Alias("craftcx.personal-data-finding.v1")]
public sealed record PersonalDataFinding(
    [property: Id(0)] string Place,
    [property: Id(1)] string? Conversation,
    [property: Id(2)] string? Detail);
