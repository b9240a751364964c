namespace CraftCX.Tenants;

/// <summary>Memory storage: nothing to sweep that outlives the process, and no way to list its keys.</summary>
internal sealed class UnsweptTenantStorage : ITenantStorageEraser
{
    public Task<long?> EraseAsync(string tenant, IReadOnlyCollection<string> keep, CancellationToken cancellationToken) => Task.FromResult<long?>(null);
}
