using Npgsql;

namespace CraftCX.Silo.Storage.Postgres;

/// <summary>
/// Closes the silo's idle PostgreSQL connections once it has stopped. Npgsql's pools belong to the process, not to
/// the host, so a process that runs silos one after another (tests, the benchmark) would otherwise keep every earlier
/// silo's connections until they filled the server's <c>max_connections</c>.
/// </summary>
internal sealed class PostgresPoolRelease(IHostApplicationLifetime lifetime, IReadOnlyList<string> connectionStrings) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // After every hosted service, Orleans included, has stopped: the last state writes are done by then.
        lifetime.ApplicationStopped.Register(() =>
        {
            foreach (var connectionString in connectionStrings.Distinct(StringComparer.Ordinal))
            {
                using var connection = new NpgsqlConnection(connectionString);
                NpgsqlConnection.ClearPool(connection);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
