namespace CraftCX.Privacy.EndUsers;

/// <summary>What an end user's entry asks of the conversations about them.</summary>
/// <param name="Restricted">No scoring and no AI assessment until the restriction is lifted.</param>
/// <param name="Held">Under a legal hold: neither retention nor an erasure removes anything.</param>
[GenerateSerializer, Immutable, Alias("craftcx.end-user-controls.v1")]
public sealed record EndUserControls(
    [property: Id(0)] bool Restricted,
    [property: Id(1)] bool Held);
