namespace CraftCX.Encryption;

/// <summary>A rotation's background re-encryption: how many stored rows have moved to the new key version.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.key-rotation-progress.v1")]
public sealed record KeyRotationProgress(
    [property: Id(0)] int ToVersion,
    [property: Id(1)] DateTimeOffset RequestedAt,
    [property: Id(2)] DateTimeOffset? StartedAt,
    [property: Id(3)] DateTimeOffset? FinishedAt,
    [property: Id(4)] long Found,
    [property: Id(5)] long Resealed,
    [property: Id(6)] long Failed,
    [property: Id(7)] string? LastError);
