namespace CraftCX;

/// <summary>Builds and splits the tenant-scoped string keys of grains ("tenant/id").</summary>
public static class GrainKeys
{
    public static string Compose(string tenant, string id) => string.Concat(tenant, "/", id);

    public static (string Tenant, string Id) Split(string key)
    {
        var slash = key.IndexOf('/');
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new ArgumentException($"'{key}' is not a tenant-scoped key of the form tenant/id.", nameof(key));
        }

        return (key[..slash], key[(slash + 1)..]);
    }
}
