namespace CraftCX.Connectors;

/// <summary>Where a tenant's connectors live: one grain under the tenant's prefix, so its row is sealed and resealed like the tenant's others.</summary>
public static class ConnectorKeys
{
    public const string StateName = "connectors";

    public static string Of(string tenant) => GrainKeys.Compose(tenant, StateName);
}
