using System.ComponentModel.DataAnnotations;

namespace CraftCX.Api.Security;

/// <summary>Per-credential request budget (section "Api:RateLimit"): a token bucket per key.</summary>
internal sealed class RateLimitOptions
{
    public const string Section = "Api:RateLimit";

    [Range(1, 1_000_000)]
    public int PermitsPerSecond { get; set; } = 100;

    [Range(1, 10_000_000)]
    public int Burst { get; set; } = 200;

    /// <summary>Failed key checks one client address may cause per second before its unknown keys get 429 unchecked.</summary>
    [Range(1, 1_000_000)]
    public int FailedKeysPerSecond { get; set; } = 10;

    [Range(1, 10_000_000)]
    public int FailedKeyBurst { get; set; } = 50;
}
