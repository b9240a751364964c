using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CraftCX.Api.Security;

/// <summary>
/// Every <see cref="AuthOptions.KeyCacheTtl"/> asks whether the keys behind this silo's open hub connections and
/// streams are still active, and closes those of revoked keys: revocation reaches what is already open, on every silo.
/// </summary>
internal sealed partial class CredentialRevalidator(
    CredentialSessions sessions,
    ApiKeyValidator validator,
    IOptions<AuthOptions> options,
    ILogger<CredentialRevalidator> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = options.Value.KeyCacheTtl < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : options.Value.KeyCacheTtl;
        using var timer = new PeriodicTimer(period);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var (tenant, keyId) in sessions.Keys())
            {
                try
                {
                    // Asked afresh, so that what is open closes within one period of the revocation, not two.
                    if (!await validator.IsActiveAsync(tenant, keyId, fresh: true))
                    {
                        LogClosed(sessions.CloseAll(tenant, keyId), keyId, tenant);
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // The tenant grain is unreachable right now: keep the sessions, ask again next tick.
                    LogCheckFailed(keyId, tenant, ex.GetType().Name);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed {Count} live connection(s) or stream(s) of revoked key {KeyId} of tenant {Tenant}")]
    private partial void LogClosed(int count, string keyId, string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check key {KeyId} of tenant {Tenant} ({ErrorType}); its sessions stay open until the next check")]
    private partial void LogCheckFailed(string keyId, string tenant, string errorType);
}
