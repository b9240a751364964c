namespace CraftCX.Tenants;

/// <summary>The tenant lifecycle's rules: which change is allowed from where; a refused one says why.</summary>
internal readonly struct TenantLifecycleTransitions(TenantLifecycle? current, DateTimeOffset now)
{
    /// <param name="replayWindow">How long the input topic keeps events: a deleted tenant's id is not reused before, so a replay cannot bring its data back.</param>
    public TenantLifecycle Register(TimeSpan replayWindow) => current switch
    {
        { State: TenantLifecycleState.Deleted } when now < current.Since + replayWindow =>
            throw Refused($"its id can be used again from {current.Since + replayWindow:yyyy-MM-dd HH:mm} UTC, once its events have left the input topic (Retention:ReplayWindow)"),
        null or { State: TenantLifecycleState.Deleted } => new TenantLifecycle(TenantLifecycleState.Active, now, now),
        { State: TenantLifecycleState.Terminated or TenantLifecycleState.Deleting } => throw Refused("is terminated; restore it (during its wind-down) before creating keys"),
        _ => current,
    };

    public TenantLifecycle Suspend(string? reason) => current switch
    {
        { State: TenantLifecycleState.Active or TenantLifecycleState.Suspended } => current with { State = TenantLifecycleState.Suspended, Since = now, Reason = reason },
        _ => throw Refused("can only be suspended while active"),
    };

    public TenantLifecycle Terminate(string? reason, TimeSpan windDown) => current switch
    {
        { State: TenantLifecycleState.Active or TenantLifecycleState.Suspended } => current with
        {
            State = TenantLifecycleState.Terminated,
            Since = now,
            Reason = reason,
            WindDownEndsAt = now + windDown,
        },
        { State: TenantLifecycleState.Terminated } => current,
        _ => throw Refused("can only be terminated while active or suspended"),
    };

    public TenantLifecycle Restore() => current switch
    {
        { State: TenantLifecycleState.Suspended } => current with { State = TenantLifecycleState.Active, Since = now, Reason = null },
        { State: TenantLifecycleState.Terminated, WindDownEndsAt: { } end } when now < end =>
            current with { State = TenantLifecycleState.Active, Since = now, Reason = null, WindDownEndsAt = null },
        { State: TenantLifecycleState.Active } => current,
        { State: TenantLifecycleState.Terminated } => throw Refused("has passed the end of its wind-down; its data is being deleted"),
        _ => throw Refused("can only be restored while suspended, or terminated before its wind-down ends"),
    };

    public TenantLifecycle BeginDeletion() => current switch
    {
        { State: TenantLifecycleState.Terminated or TenantLifecycleState.Deleting } => current with { State = TenantLifecycleState.Deleting, Since = now },
        _ => throw Refused("must be terminated before its data is deleted"),
    };

    private InvalidOperationException Refused(string why) =>
        new(current is null ? "The tenant was never created." : $"The tenant is {current.State.ToString().ToLowerInvariant()} and {why}.");
}
