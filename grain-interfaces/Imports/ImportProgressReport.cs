namespace CraftCX.Imports;

/// <summary>What one silo counted of a tenant's import since its last report: events applied and aggregated, or dead-lettered.</summary>
/// <param name="Counted">Events applied and taken by every aggregate.</param>
/// <param name="Duplicates">Events already applied before (a retried or repeated import).</param>
/// <param name="DeadLettered">Events refused and sent to the dead-letter topic with their reason.</param>
/// <param name="Conversations">Conversations the import created.</param>
/// <param name="FirstEventAt">The earliest occurredAt among the counted events.</param>
/// <param name="LastEventAt">The latest occurredAt among the counted events.</param>
[GenerateSerializer, Immutable, Alias("craftcx.import-progress-report.v1")]
public sealed record ImportProgressReport(
    [property: Id(0)] long Counted,
    [property: Id(1)] long Duplicates,
    [property: Id(2)] long DeadLettered,
    [property: Id(3)] long Conversations,
    [property: Id(4)] DateTimeOffset? FirstEventAt,
    [property: Id(5)] DateTimeOffset? LastEventAt)
{
    public long Done => Counted + Duplicates + DeadLettered;

    public bool IsEmpty => Done == 0 && Conversations == 0;

    /// <summary>Both reports together.</summary>
    public ImportProgressReport Plus(ImportProgressReport other) => new(
        Counted + other.Counted,
        Duplicates + other.Duplicates,
        DeadLettered + other.DeadLettered,
        Conversations + other.Conversations,
        Earliest(FirstEventAt, other.FirstEventAt),
        Latest(LastEventAt, other.LastEventAt));

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
