using CraftCX.Tests.Encryption;
using Npgsql;

namespace CraftCX.Tests.Storage;

/// <summary>
/// A stopped silo closes its PostgreSQL connections. Npgsql's pools belong to the process, so without that every
/// silo a process ran before (tests, the benchmark) kept its connections until the server refused new ones.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPoolReleaseTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_stopped_silo_leaves_no_connection_open_on_the_server()
    {
        var connectionString = await postgres.CreateDatabaseAsync("pools");
        var keyStore = await postgres.CreateDatabaseAsync("poolkeys");
        await using (var silo = await RunningSilo.StartOnPostgresAsync(connectionString, new Dictionary<string, string?> { ["Encryption:KeyStoreConnectionString"] = keyStore }))
        {
            var (events, _) = SealedWorkload.Build("t-pools", abcdConversations: 3, seed: 7);
            await SealedWorkload.IngestAsync(silo, "t-pools", events);
            Assert.True(await OpenConnectionsAsync(connectionString) > 0, "the running silo holds connections to its database");
            Assert.True(await OpenConnectionsAsync(keyStore) > 0, "and to its key store");
        }

        await Eventually.ReturnsAsync(() => OpenConnectionsAsync(connectionString), n => n == 0, TimeSpan.FromSeconds(10), "the silo's storage connections closed");
        await Eventually.ReturnsAsync(() => OpenConnectionsAsync(keyStore), n => n == 0, TimeSpan.FromSeconds(10), "the silo's key-store connections closed");
    }

    private async Task<long> OpenConnectionsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(postgres.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = @database", connection);
        command.Parameters.AddWithValue("database", new NpgsqlConnectionStringBuilder(connectionString).Database!);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
