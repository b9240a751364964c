using CraftCX.Encryption;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace CraftCX.Silo.Storage.Postgres;

/// <summary>The tenants with a key ring row in the key store, read by key alone (the ring itself is not opened).</summary>
internal sealed class PostgresKeyRingDirectory(string keyStoreConnectionString, IOptions<ClusterOptions> cluster) : IKeyRingDirectory
{
    public async Task<IReadOnlyList<string>> ListTenantsAsync(string after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(keyStoreConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT grainidextensionstring FROM orleansstorage
            WHERE serviceid = @service AND graintypestring = @state AND grainidextensionstring > @after
            ORDER BY grainidextensionstring COLLATE "C" LIMIT @limit
            """,
            connection);
        command.Parameters.AddWithValue("service", cluster.Value.ServiceId);
        command.Parameters.AddWithValue("state", KeyRingStorage.StateName);
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
