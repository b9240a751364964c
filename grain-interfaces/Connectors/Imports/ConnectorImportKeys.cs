namespace CraftCX.Connectors.Imports;

/// <summary>An import's grain key: under the tenant's prefix, so its row goes with the tenant's.</summary>
public static class ConnectorImportKeys
{
    private const string Prefix = "import-";

    public static string Of(string tenant, string id) => GrainKeys.Compose(tenant, Prefix + id);

    public static (string Tenant, string Id) Split(string key)
    {
        var (tenant, id) = GrainKeys.Split(key);
        return (tenant, id.StartsWith(Prefix, StringComparison.Ordinal) ? id[Prefix.Length..] : id);
    }
}
