namespace CraftCX.Tenants;

/// <summary>
/// Deletes every stored row of one tenant that the grains could not reach one by one (open conversations,
/// aggregates, AI usage, index entries): the storage knows every key, the grains know only what they indexed.
/// </summary>
public interface ITenantStorageEraser
{
    /// <summary>Rows deleted, or null when this storage cannot be swept (memory).</summary>
    /// <param name="keep">State names whose rows stay (the tenant's own record of the deletion).</param>
    Task<long?> EraseAsync(string tenant, IReadOnlyCollection<string> keep, CancellationToken cancellationToken);
}
