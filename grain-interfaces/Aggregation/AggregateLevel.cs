namespace CraftCX.Aggregation;

/// <summary>The aggregate grains a conversation rolls up to.</summary>
[GenerateSerializer]
public enum AggregateLevel
{
    Agent = 1,
    Workspace = 2,
    Tenant = 3,
}
