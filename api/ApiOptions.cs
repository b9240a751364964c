namespace CraftCX.Api;

/// <summary>Limits of the HTTP API (section "Api").</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest POST /v1/events body.</summary>
    public int MaxIngestRequestBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Most events in one POST /v1/events.</summary>
    public int MaxEventsPerRequest { get; set; } = 10_000;
}
