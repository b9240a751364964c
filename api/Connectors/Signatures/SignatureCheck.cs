namespace CraftCX.Api.Connectors.Signatures;

/// <summary>The outcome of checking a webhook delivery's signature: valid, or why not (a reason code for counters and logs).</summary>
internal sealed record SignatureCheck(bool IsValid, string Reason, string Detail)
{
    public static SignatureCheck Valid { get; } = new(true, "valid", "The signature matches.");

    public static SignatureCheck MissingHeader(string header) => new(false, "missing-header", $"The {header} header is missing.");

    public static SignatureCheck Malformed(string header, string why) => new(false, "malformed-header", $"The {header} header {why}.");

    public static SignatureCheck Stale(TimeSpan off, TimeSpan tolerance) =>
        new(false, "stale-timestamp", $"The delivery's timestamp is {Math.Round(off.Duration().TotalSeconds)} s from now; at most {tolerance.TotalSeconds} s is accepted.");

    public static SignatureCheck Mismatch { get; } = new(false, "signature-mismatch", "The signature does not match the body with this connector's secret.");
}
