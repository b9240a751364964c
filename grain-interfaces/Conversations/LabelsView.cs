using CraftCX.Aggregation;

namespace CraftCX.Conversations;

/// <summary>Classifications derived from the conversation so far.</summary>
/// <param name="EscalationRisk">low, medium or high.</param>
[GenerateSerializer, Immutable, Alias("craftcx.labels-view.v1")]
public sealed record LabelsView(
    [property: Id(0)] IReadOnlyList<string> Topics,
    [property: Id(1)] string EscalationRisk,
    [property: Id(2)] HandledBy HandledBy,
    [property: Id(3)] bool PiiSeen,
    [property: Id(4)] IReadOnlyList<string> Tags);
