using CraftCX.Events;

namespace CraftCX.Tenants;

/// <summary>Whose events are taken in: only those of an operator-created tenant that is active; the refusal says why.</summary>
public static class TenantIngestion
{
    public static EventRejection? Refusal(string tenant, TenantLifecycleState? state) => state switch
    {
        TenantLifecycleState.Active => null,
        null => new EventRejection(RejectionCodes.UnknownTenant, $"Tenant '{tenant}' was not created by an operator; its events are not taken in."),
        TenantLifecycleState.Suspended => new EventRejection(RejectionCodes.TenantSuspended, $"Tenant '{tenant}' is suspended: its events are refused until an operator restores it."),
        TenantLifecycleState.Terminated => new EventRejection(RejectionCodes.TenantTerminated, $"Tenant '{tenant}' is terminated: its events are refused."),

        // Not even a dead letter: a copy of a deleted tenant's transcript would outlive the deletion.
        _ => new EventRejection(RejectionCodes.TenantDeleted, $"Tenant '{tenant}' was deleted: its events are dropped."),
    };
}
