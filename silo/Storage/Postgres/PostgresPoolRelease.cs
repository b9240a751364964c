using Npgsql;

namespace CraftCX.Silo.Storage.Postgres;

/// <summary>
/// Closes the silo's idle PostgreSQL connections once it has stopped. Npgsql's pools belong to the process, not to
/// the host, so a process that runs silos one after another (tests, the benchmark) would otherwise keep every earlier
/// silo's connections until they filled the server's <c>max_connections</c>.
/// </summary>
internal sealed class PostgresPoolRelease : IHostedService
{
    public PostgresPoolRelease(IHostApplicationLifetime lifetime, IReadOnlyList<string> connectionStrings)
    {
        // Registered when the host builds its services, so that a start that fails part-way releases them too;
        // it runs after every hosted service, Orleans included, has stopped, when the last state writes are done.
        lifetime.ApplicationStopped.Register(() =>
        {
            foreach (var connectionString in connectionStrings.Distinct(StringComparer.Ordinal))
            {
                using var connection = new NpgsqlConnection(connectionString);
                NpgsqlConnection.ClearPool(connection);
            }
        });
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
