using CraftCX.Tenants;

namespace CraftCX.Tests.Tenants;

/// <summary>Which lifecycle change is allowed from where, and what a refusal says.</summary>
[Trait("Category", "Unit")]
public sealed class TenantLifecycleTransitionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TenantLifecycle Active = new(TenantLifecycleState.Active, Now.AddDays(-10), Now.AddDays(-10));

    [Fact]
    public void Termination_starts_the_wind_down_and_a_restore_before_its_end_brings_the_tenant_back()
    {
        var terminated = new TenantLifecycleTransitions(Active, Now).Terminate("contract ended", TimeSpan.FromDays(30));
        Assert.Equal(TenantLifecycleState.Terminated, terminated.State);
        Assert.Equal(Now.AddDays(30), terminated.WindDownEndsAt);
        Assert.Equal(Active.CreatedAt, terminated.CreatedAt);

        var restored = new TenantLifecycleTransitions(terminated, Now.AddDays(29)).Restore();
        Assert.Equal(TenantLifecycleState.Active, restored.State);
        Assert.Null(restored.WindDownEndsAt);

        var late = Assert.Throws<InvalidOperationException>(() => new TenantLifecycleTransitions(terminated, Now.AddDays(30)).Restore());
        Assert.Contains("wind-down", late.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refused_changes_say_what_the_tenant_is()
    {
        var terminated = new TenantLifecycleTransitions(Active, Now).Terminate(null, TimeSpan.FromDays(30));
        Assert.Contains("terminated", Assert.Throws<InvalidOperationException>(() => new TenantLifecycleTransitions(terminated, Now).Suspend(null)).Message, StringComparison.Ordinal);
        Assert.Contains("terminated", Assert.Throws<InvalidOperationException>(() => new TenantLifecycleTransitions(terminated, Now).Register(TimeSpan.Zero)).Message, StringComparison.Ordinal);
        Assert.Contains("never created", Assert.Throws<InvalidOperationException>(() => new TenantLifecycleTransitions(null, Now).Suspend(null)).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => new TenantLifecycleTransitions(Active, Now).BeginDeletion());
        Assert.Equal(TenantLifecycleState.Deleting, new TenantLifecycleTransitions(terminated, Now).BeginDeletion().State);
    }

    [Fact]
    public void Creating_is_idempotent_and_a_deleted_tenant_starts_again()
    {
        var week = TimeSpan.FromDays(7);
        var created = new TenantLifecycleTransitions(null, Now).Register(week);
        Assert.Equal((TenantLifecycleState.Active, Now), (created.State, created.CreatedAt));
        Assert.Same(created, new TenantLifecycleTransitions(created, Now.AddDays(1)).Register(week));

        // Not while its events may still be replayed from the input topic.
        var deleted = new TenantLifecycle(TenantLifecycleState.Deleted, Now, Now.AddDays(-100));
        Assert.Contains("Retention:ReplayWindow", Assert.Throws<InvalidOperationException>(() => new TenantLifecycleTransitions(deleted, Now.AddDays(6)).Register(week)).Message, StringComparison.Ordinal);
        Assert.Equal(Now.AddDays(8), new TenantLifecycleTransitions(deleted, Now.AddDays(8)).Register(week).CreatedAt);
    }

    [Theory]
    [InlineData(TenantLifecycleState.Active, null)]
    [InlineData(TenantLifecycleState.Suspended, "tenant-suspended")]
    [InlineData(TenantLifecycleState.Terminated, "tenant-terminated")]
    [InlineData(TenantLifecycleState.Deleting, "tenant-deleted")]
    [InlineData(TenantLifecycleState.Deleted, "tenant-deleted")]
    [InlineData(null, "unknown-tenant")]
    public void Only_an_active_tenant_s_events_are_taken_in(TenantLifecycleState? state, string? refusal) =>
        Assert.Equal(refusal, TenantIngestion.Refusal("t", state)?.Code);
}
