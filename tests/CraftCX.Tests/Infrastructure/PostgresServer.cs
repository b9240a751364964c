using CraftCX.Testing;

namespace CraftCX.Tests.Infrastructure;

/// <summary>The throwaway PostgreSQL server as an xunit fixture; tests get a fresh database each.</summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly ThrowawayPostgres _server = new();

    public int Port => _server.Port;

    public string AdminConnectionString => _server.AdminConnectionString;

    public Task InitializeAsync() => _server.InitializeAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public Task<string> CreateDatabaseAsync(string prefix) => _server.CreateDatabaseAsync(prefix);

    public Task StopAsync() => _server.StopAsync();

    public Task RestoreAsync(string dump, string connectionString) => _server.RestoreAsync(dump, connectionString);

    public Task<string> DumpAsync(string connectionString) => _server.DumpAsync(connectionString);

    public Task StartAsync() => _server.StartAsync();
}

/// <summary>Tests that share one PostgreSQL server run in this collection, one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}

/// <summary>
/// The tests that take both cores for a while, multi-silo clusters and the image's whole `dotnet publish`: one after
/// another, never two of them at once. Their PostgreSQL server is their own (a test here may stop and start it), so
/// that this chain runs beside the other database tests.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HeavyCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "heavy";
}
