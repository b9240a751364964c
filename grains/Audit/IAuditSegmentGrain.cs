namespace CraftCX.Audit;

/// <summary>One sealed segment of a tenant's audit log; key: tenant/segment number from 0.</summary>
[Alias("craftcx.IAuditSegmentGrain")]
public interface IAuditSegmentGrain : IGrainWithStringKey
{
    /// <summary>Stores the segment's entries; storing the same ones again (a retried seal) changes nothing.</summary>
    Task SealAsync(List<AuditEntry> entries);

    [ReadOnly]
    Task<List<AuditEntry>> ReadAsync();

    /// <summary>The tenant's data is deleted: the segment's row goes.</summary>
    Task ForgetAsync();
}
