using System.Data.Common;
using CraftCX.Encryption;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace CraftCX.Silo.Storage;

/// <summary>The one way every Orleans ADO.NET provider here is pointed at PostgreSQL.</summary>
internal static class PostgresConnection
{
    public const string Invariant = "Npgsql";

    /// <summary>The configured connection string (statements prepared, see below); a clear error when Postgres is chosen without one.</summary>
    public static string Require(StorageOptions options)
    {
        // A settings failure (named, exit code 2), not a stack trace: the host is built before any validator runs.
        const string Example = "for example Host=localhost;Port=5432;Database=craftcx;Username=craftcx;Password=...";
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw Invalid($"Storage:Provider is Postgres but Storage:ConnectionString is empty; set it ({Example}).");
        }

        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            // The connection string may hold a password: only the parser's complaint is repeated, not the string.
            throw Invalid($"Storage:ConnectionString does not parse as a PostgreSQL connection string ({ex.GetType().Name}); {Example}.");
        }

        if (string.IsNullOrWhiteSpace(parsed.Host))
        {
            throw Invalid($"Storage:ConnectionString names no Host; {Example}.");
        }

        return WithStatementPreparation(options.ConnectionString, parsed);
    }

    /// <summary>Prepares the statements used most on each connection, unless the connection string says otherwise.</summary>
    /// <remarks>
    /// Orleans sends the same few statements for every state read and write; prepared, the server no longer parses
    /// and plans them each time (a sixth of its CPU in the benchmark's PostgreSQL runs).
    /// </remarks>
    private static string WithStatementPreparation(string connectionString, NpgsqlConnectionStringBuilder parsed)
    {
        // Npgsql's builder knows every keyword, so only the plain parse tells whether this one was given.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(k => string.Equals(k.Replace(" ", string.Empty, StringComparison.Ordinal), "maxautoprepare", StringComparison.OrdinalIgnoreCase));
        if (given)
        {
            return connectionString;
        }

        parsed.MaxAutoPrepare = AutoPreparedStatements;
        return parsed.ConnectionString;
    }

    /// <summary>Enough for every query Orleans' providers and the silo's own stores send.</summary>
    public const int AutoPreparedStatements = 32;

    private static OptionsValidationException Invalid(string failure) => new("Storage:ConnectionString", typeof(StorageOptions), [failure]);

    /// <summary>The key store's database: its own when configured, else the storage database (own rows).</summary>
    public static string KeyStore(EncryptionOptions encryption, string storageConnectionString) =>
        string.IsNullOrWhiteSpace(encryption.KeyStoreConnectionString) ? storageConnectionString : encryption.KeyStoreConnectionString;

    public static void Configure(AdoNetGrainStorageOptions options, string connectionString)
    {
        options.Invariant = Invariant;
        options.ConnectionString = connectionString;

        // A cleared state must leave no row behind: retention and deletion promise the data is gone, not emptied.
        options.DeleteStateOnClear = true;
    }
}
