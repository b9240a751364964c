namespace CraftCX.Encryption;

/// <summary>Where a tenant's key ring is stored: its state name in the key store (provider "keys"), keyed by tenant id.</summary>
public static class KeyRingStorage
{
    public const string StateName = "data-keys";
}
