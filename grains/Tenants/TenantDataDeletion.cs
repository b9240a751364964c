using System.Globalization;
using CraftCX.Audit;
using CraftCX.Connectors;
using CraftCX.Encryption;
using CraftCX.Privacy;
using CraftCX.Security;

namespace CraftCX.Tenants;

/// <summary>
/// Deletes all of one tenant's data, in an order that a crash or a repeat cannot spoil: its data keys are
/// destroyed first (crypto-shredding: every copy of its sealed rows, backups included, stops opening), then the
/// grains that index data forget it one by one (a conversation that can no longer open its state held nothing in
/// memory), then the storage sweep takes every other row of the tenant, then the grains whose copy in memory must
/// match the emptied storage read it again. Each step can run twice.
/// </summary>
internal sealed class TenantDataDeletion(IGrainFactory grains, ITenantStorageEraser storage, string tenant)
{
    /// <summary>The tenant's own record, which keeps its lifecycle and the deletion's figures.</summary>
    public const string KeptState = "tenant-settings";

    /// <summary>The key ring's tombstone stays too: a restored old row then answers "key destroyed", not "no key".</summary>
    public const string KeyRingState = KeyRingStorage.StateName;

    /// <summary>Runs the steps; <paramref name="forgetAggregate"/> clears the tenant grain's own aggregate.</summary>
    public async Task<(int Conversations, long? Rows)> RunAsync(Func<Task> forgetAggregate, CancellationToken cancellationToken)
    {
        await grains.GetGrain<ITenantKeyRingGrain>(tenant).DestroyAsync("tenant-deletion");
        var conversations = await grains.GetGrain<IRetentionGrain>(tenant).ForgetTenantAsync();
        cancellationToken.ThrowIfCancellationRequested();
        var rows = await storage.EraseAsync(tenant, [KeptState, KeyRingState], cancellationToken);

        // After the sweep: these read their (now empty) rows again, so a later write cannot trip on a stale copy.
        await grains.GetGrain<IApiKeysGrain>(tenant).ForgetAsync();
        await grains.GetGrain<IConnectorsGrain>(ConnectorKeys.Of(tenant)).ForgetAsync();
        await grains.GetGrain<IAuditLogGrain>(tenant).ForgetAsync();
        await forgetAggregate();
        return (conversations, rows);
    }

    /// <summary>The one entry the new audit log starts with.</summary>
    /// <param name="requestedBy">operator (the delete route) or wind-down: the route's own audit entry went with the log.</param>
    public Task RecordAsync(int conversations, long? rows, string requestedBy) =>
        grains.GetGrain<IAuditLogGrain>(tenant).AppendAsync(new AuditRecord(
            "system",
            "tenant.deleted",
            string.Empty,
            "done",
            $"requested={requestedBy} keys=destroyed conversations={conversations} rows={rows?.ToString(CultureInfo.InvariantCulture) ?? "unswept"}"));
}
