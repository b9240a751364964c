namespace CraftCX.Tenants;

/// <summary>Where a tenant stands in its relationship with CraftCX.</summary>
[GenerateSerializer, Alias("craftcx.tenant-lifecycle-state.v1")]
public enum TenantLifecycleState
{
    /// <summary>Created by an operator: events are taken in, keys work.</summary>
    Active = 0,

    /// <summary>Ingestion refused with a clear error; reads allowed.</summary>
    Suspended = 1,

    /// <summary>Every key revoked, ingestion and reads refused; its data goes when the wind-down ends, unless restored before.</summary>
    Terminated = 2,

    /// <summary>Its data is being deleted.</summary>
    Deleting = 3,

    /// <summary>Its data was deleted; only the audit record of the deletion stays.</summary>
    Deleted = 4,
}
