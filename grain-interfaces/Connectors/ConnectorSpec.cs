namespace CraftCX.Connectors;

/// <summary>What an admin asks for when creating a connector; a null secret lets CraftCX generate one.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.connector-spec.v1")]
public sealed record ConnectorSpec(
    [property: Id(0)] ConnectorType Type,
    [property: Id(1)] string Name,
    [property: Id(2)] ConnectorMapping Mapping,
    [property: Id(3)] string? Secret = null,
    [property: Id(4)] bool Enabled = true);
