namespace CraftCX.Silo.Storage;

/// <summary>The storage backends a silo can use.</summary>
internal enum StorageProvider
{
    Memory,
    Postgres,
}
