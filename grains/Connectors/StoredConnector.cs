namespace CraftCX.Connectors;

/// <summary>One connector as stored (sealed with the tenant's key, secret included) with its counters.</summary>
[GenerateSerializer, Alias("craftcx.stored-connector.v1")]
public sealed class StoredConnector
{
    [Id(0)] public string Id { get; set; } = string.Empty;
    [Id(1)] public ConnectorType Type { get; set; }
    [Id(2)] public string Name { get; set; } = string.Empty;
    [Id(3)] public ConnectorMapping Mapping { get; set; } = new(string.Empty);
    [Id(4)] public bool Enabled { get; set; }
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
    [Id(6)] public DateTimeOffset SecretSetAt { get; set; }
    [Id(7)] public string Secret { get; set; } = string.Empty;
    [Id(8)] public ConnectorCounters Counters { get; set; } = new(0, 0, 0, 0, 0, 0, null, null);

    /// <summary>The newest delivery ids taken, oldest first, so a helpdesk's retry is known as one.</summary>
    [Id(9)] public List<string> RecentDeliveries { get; set; } = [];

    public ConnectorInfo ToInfo() => new(Id, Type, Name, Mapping, Enabled, CreatedAt, SecretSetAt, Counters);
}
