namespace CraftCX.Api.Connectors.Signatures;

/// <summary>Refuses a signed timestamp too far from now, so a captured delivery cannot be replayed later.</summary>
internal static class TimestampWindow
{
    public static SignatureCheck? Check(DateTimeOffset signedAt, DateTimeOffset now, TimeSpan tolerance) =>
        (now - signedAt).Duration() > tolerance ? SignatureCheck.Stale(now - signedAt, tolerance) : null;
}
