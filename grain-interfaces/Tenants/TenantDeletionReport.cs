namespace CraftCX.Tenants;

/// <summary>What the deletion of a tenant's data removed.</summary>
/// <param name="Conversations">Closed conversations deleted one by one (with their reviews, calibration samples and index entries).</param>
/// <param name="StorageRows">Rows of the tenant deleted from storage afterwards (open conversations, aggregates, AI usage, index entries...); null where the storage cannot be swept (memory).</param>
[GenerateSerializer, Immutable, Alias("craftcx.tenant-deletion-report.v1")]
public sealed record TenantDeletionReport(
    [property: Id(0)] DateTimeOffset StartedAt,
    [property: Id(1)] DateTimeOffset FinishedAt,
    [property: Id(2)] int Conversations,
    [property: Id(3)] long? StorageRows);
