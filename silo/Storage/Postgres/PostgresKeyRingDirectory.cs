using CraftCX.Encryption;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace CraftCX.Silo.Storage.Postgres;

/// <summary>
/// The tenants with a key ring row in the key store, read by key alone (the ring itself is not opened), in byte order
/// for the comparison and the sort alike, whatever the database's collation; a key stored with
/// <see cref="StringKeyedGrainStorage.StoredSuffix"/> is listed without it.
/// </summary>
internal sealed class PostgresKeyRingDirectory(string keyStoreConnectionString, IOptions<ClusterOptions> cluster) : IKeyRingDirectory
{
    public async Task<IReadOnlyList<string>> ListTenantsAsync(string after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(keyStoreConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT tenant FROM (
                SELECT rtrim(grainidextensionstring, @suffix) COLLATE "C" AS tenant FROM orleansstorage
                WHERE serviceid = @service AND graintypestring = @state) AS rings
            WHERE tenant > @after
            ORDER BY tenant LIMIT @limit
            """,
            connection);
        command.Parameters.AddWithValue("service", cluster.Value.ServiceId);
        command.Parameters.AddWithValue("state", KeyRingStorage.StateName);
        command.Parameters.AddWithValue("suffix", StringKeyedGrainStorage.StoredSuffix);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("limit", limit);
        var tenants = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tenants.Add(reader.GetString(0));
        }

        return tenants;
    }
}
