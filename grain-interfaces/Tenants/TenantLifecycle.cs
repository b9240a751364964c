namespace CraftCX.Tenants;

/// <summary>A tenant's lifecycle: its state, since when and why, and for a terminated tenant when its data goes.</summary>
/// <param name="Reason">The operator's note (a contract or ticket number); shown to operators, never logged.</param>
/// <param name="WindDownEndsAt">Terminated: when its data is deleted unless it is restored before.</param>
[GenerateSerializer, Immutable, Alias("craftcx.tenant-lifecycle.v1")]
public sealed record TenantLifecycle(
    [property: Id(0)] TenantLifecycleState State,
    [property: Id(1)] DateTimeOffset Since,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] string? Reason = null,
    [property: Id(4)] DateTimeOffset? WindDownEndsAt = null)
{
    /// <summary>The last deletion's figures, once it ran.</summary>
    [Id(5)] public TenantDeletionReport? Deletion { get; init; }

    /// <summary>The reminder that checks a terminated tenant's wind-down; the storage sweep leaves it until the deletion is recorded.</summary>
    public const string WindDownReminder = "tenant-wind-down";

    public bool AcceptsEvents => State == TenantLifecycleState.Active;
}
