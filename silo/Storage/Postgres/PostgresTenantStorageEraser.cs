using CraftCX.Events;
using CraftCX.Tenants;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace CraftCX.Silo.Storage.Postgres;

/// <summary>
/// Deletes a tenant's grain-state rows by key: every grain of a tenant is keyed by the tenant id or starts with
/// "tenant/", and tenant ids cannot hold a slash, so the prefix matches that tenant alone.
/// </summary>
internal sealed class PostgresTenantStorageEraser(string connectionString, IOptions<ClusterOptions> cluster) : ITenantStorageEraser
{
    private const string Delete = """
        DELETE FROM orleansstorage
        WHERE serviceid = @service
          AND (grainidextensionstring = @tenant OR starts_with(grainidextensionstring, @prefix))
          AND NOT (graintypestring = ANY(@keep))
        """;

    private const string DeleteReminders = """
        DELETE FROM orleansreminderstable
        WHERE serviceid = @service
          AND split_part(grainid, '/', 2) = @tenant
          AND remindername <> @windDown
        """;

    public async Task<long?> EraseAsync(string tenant, IReadOnlyCollection<string> keep, CancellationToken cancellationToken)
    {
        if (!IdRules.IsValidScope(tenant))
        {
            throw new ArgumentException("Not a tenant id.", nameof(tenant));
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Delete, connection);
        command.Parameters.AddWithValue("service", cluster.Value.ServiceId);
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("prefix", tenant + "/");
        command.Parameters.AddWithValue("keep", keep.ToArray());
        var rows = await command.ExecuteNonQueryAsync(cancellationToken);

        // Reminders name their grain as type/key: the key's first part is the tenant. The wind-down's own reminder
        // stays until the deletion is recorded, so that a crash before then is retried.
        await using var reminders = new NpgsqlCommand(DeleteReminders, connection);
        reminders.Parameters.AddWithValue("service", cluster.Value.ServiceId);
        reminders.Parameters.AddWithValue("tenant", tenant);
        reminders.Parameters.AddWithValue("windDown", TenantLifecycle.WindDownReminder);
        return rows + await reminders.ExecuteNonQueryAsync(cancellationToken);
    }
}
