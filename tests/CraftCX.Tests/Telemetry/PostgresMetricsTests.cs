namespace CraftCX.Tests.Telemetry;

/// <summary>On PostgreSQL, the Npgsql meter reaches /metrics beside the project's own: an operator sees the database's side.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresMetricsTests(PostgresServer postgres)
{
    [Fact]
    public async Task The_npgsql_meter_is_exported_with_the_commands_the_silo_ran()
    {
        var connectionString = await postgres.CreateDatabaseAsync("metrics");
        await using var silo = await RunningSilo.StartOnPostgresAsync(connectionString, new Dictionary<string, string?> { ["Telemetry:Prometheus"] = "true" });

        // A key written through the grains is a state write, so the silo has run commands of its own.
        await silo.CreateKeyAsync("t-pg-metrics", "read");
        var metrics = await silo.ScrapeMetricsAsync();
        Assert.Matches(@"(?m)^db_client_[a-z_]+(\{[^}]*\})? [1-9]", metrics);
    }
}
