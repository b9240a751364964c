namespace CraftCX.Privacy.EndUsers;

/// <summary>Where a verification looked and what it found; no findings means the data is gone from every place searched.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.verification-report.v1")]
public sealed record VerificationReport(
    [property: Id(0)] int IndexEntriesSearched,
    [property: Id(1)] int ConversationsSearched,
    [property: Id(2)] int ReviewsSearched,
    [property: Id(3)] IReadOnlyList<PersonalDataFinding> Findings);
