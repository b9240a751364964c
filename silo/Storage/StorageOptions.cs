namespace CraftCX.Silo.Storage;

/// <summary>Where grain state, cluster membership and reminders live (section "Storage").</summary>
internal sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Memory (the embedded default: one silo, state lost on exit) or Postgres.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Memory;

    /// <summary>Npgsql connection string, required for Postgres.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply the schema scripts at start (the same as the --migrate flag).</summary>
    public bool MigrateOnStart { get; set; }
}
