using System.ComponentModel.DataAnnotations;

namespace CraftCX.Api;

/// <summary>Limits of the HTTP API (section "Api").</summary>
internal sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest POST /v1/events body.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxIngestRequestBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Most events in one POST /v1/events.</summary>
    [Range(1, 1_000_000)]
    public int MaxEventsPerRequest { get; set; } = 10_000;

    /// <summary>Score streams (GET /v1/stream/scores) one key may hold open on one silo; beyond it 429.</summary>
    [Range(1, 100_000)]
    public int MaxStreamsPerKey { get; set; } = 10;

    /// <summary>Largest body of the settings routes (scorecard, AI settings, reviews).</summary>
    [Range(1024, int.MaxValue)]
    public int MaxSettingsRequestBytes { get; set; } = 256 * 1024;
}
