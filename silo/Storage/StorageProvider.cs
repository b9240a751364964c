namespace CraftCX.Silo.Storage;

/// <summary>The storage backends a silo can use.</summary>
public enum StorageProvider
{
    Memory,
    Postgres,
}
