using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CraftCX.Api.Security;

/// <summary>
/// Bounds the failed key checks one client address can cause: each costs a call to the named tenant's grain, so a
/// stream of made-up keys would otherwise load that tenant. Authentication runs before the per-key rate limiter,
/// which therefore cannot see them.
/// </summary>
internal sealed class FailedKeyThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures;

    public FailedKeyThrottle(IOptions<RateLimitOptions> options)
    {
        var limits = options.Value;
        _failures = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, limits.FailedKeyBurst),
            TokensPerPeriod = Math.Max(1, limits.FailedKeysPerSecond),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>The client used up its failures for now: its unknown keys are not checked until the budget refills.</summary>
    public bool IsExhausted(string client) => _failures.GetStatistics(client) is { CurrentAvailablePermits: <= 0 };

    public void OnFailure(string client)
    {
        using var lease = _failures.AttemptAcquire(client);
    }

    public void Dispose() => _failures.Dispose();
}
