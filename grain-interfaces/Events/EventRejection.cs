namespace CraftCX.Events;

/// <summary>Why one event was not accepted: a code from <see cref="RejectionCodes"/> and a human-readable detail.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.event-rejection.v1")]
public sealed record EventRejection(
    [property: Id(0)] string Code,
    [property: Id(1)] string Detail)
{
    public override string ToString() => $"{Code}: {Detail}";
}
