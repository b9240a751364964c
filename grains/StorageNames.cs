namespace CraftCX;

/// <summary>The grain storage providers the grains use; the silo registers one of each.</summary>
public static class StorageNames
{
    public const string Conversations = "conversations";
    public const string Aggregates = "aggregates";
    public const string Tenants = "tenants";

    /// <summary>Wrapped data keys: a provider of its own, so that it can live in another database than the data.</summary>
    public const string Keys = "keys";
}
