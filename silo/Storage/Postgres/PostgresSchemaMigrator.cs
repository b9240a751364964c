using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace CraftCX.Silo.Storage.Postgres;

/// <summary>
/// Applies the embedded schema scripts (Orleans' ADO.NET tables and query registry) in order. Every script is
/// idempotent; a history table skips the ones already applied unchanged, and an advisory lock keeps silos that
/// start together from migrating at the same time.
/// </summary>
internal sealed partial class PostgresSchemaMigrator(ILogger<PostgresSchemaMigrator> logger)
{
    private const long AdvisoryLockKey = 0x43726166744358; // "CraftCX"

    public static IReadOnlyList<(string Name, string Sql)> Scripts()
    {
        var assembly = typeof(PostgresSchemaMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("CraftCX.Schema.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (n["CraftCX.Schema.".Length..], reader.ReadToEnd());
            })
            .ToList();
    }

    public async Task MigrateAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
        await ExecuteAsync(connection, transaction, "SET LOCAL client_min_messages = warning", cancellationToken);

        var applied = 0;
        foreach (var (name, sql) in Scripts())
        {
            var checksum = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
            if (await AlreadyAppliedAsync(connection, transaction, name, checksum, cancellationToken))
            {
                continue;
            }

            await ExecuteAsync(connection, transaction, sql, cancellationToken);
            await using var record = new NpgsqlCommand(
                "INSERT INTO craftcx_schema_history (script, checksum) VALUES (@script, @checksum) " +
                "ON CONFLICT (script) DO UPDATE SET checksum = excluded.checksum, applied_at = now()",
                connection,
                transaction);
            record.Parameters.AddWithValue("script", name);
            record.Parameters.AddWithValue("checksum", checksum);
            await record.ExecuteNonQueryAsync(cancellationToken);
            applied++;
            LogApplied(name);
        }

        await transaction.CommitAsync(cancellationToken);
        LogDone(applied, connection.Database ?? "?", connection.Host ?? "?");
    }

    private static async Task<bool> AlreadyAppliedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, string checksum, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("SELECT to_regclass('craftcx_schema_history') IS NOT NULL", connection, transaction);
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
        {
            return false;
        }

        await using var query = new NpgsqlCommand("SELECT checksum FROM craftcx_schema_history WHERE script = @script", connection, transaction);
        query.Parameters.AddWithValue("script", name);
        return await query.ExecuteScalarAsync(cancellationToken) is string stored && stored == checksum;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema script {Script} applied")]
    private partial void LogApplied(string script);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL schema up to date ({Applied} script(s) applied) in database {Database} on {Host}")]
    private partial void LogDone(int applied, string database, string host);
}
