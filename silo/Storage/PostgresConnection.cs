using CraftCX.Encryption;
using Orleans.Configuration;

namespace CraftCX.Silo.Storage;

/// <summary>The one way every Orleans ADO.NET provider here is pointed at PostgreSQL.</summary>
internal static class PostgresConnection
{
    public const string Invariant = "Npgsql";

    /// <summary>The configured connection string; a clear error when Postgres is chosen without one.</summary>
    public static string Require(StorageOptions options) =>
        string.IsNullOrWhiteSpace(options.ConnectionString)
            ? throw new InvalidOperationException("Storage:Provider is Postgres but Storage:ConnectionString is empty; set it (for example Host=localhost;Port=5432;Database=craftcx;Username=craftcx;Password=...).")
            : options.ConnectionString;

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
