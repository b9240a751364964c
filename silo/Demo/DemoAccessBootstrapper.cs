using CraftCX.Api.Security;
using CraftCX.Security;
using CraftCX.Tenants;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Demo;

/// <summary>
/// Embedded default only (Auth:DemoTenant set): gives the demo tenant an all-scopes API key at start, replacing the
/// one of the previous start, and logs it so that a newcomer can call the API and open the dashboard at once. The
/// operator key is shown only when this process generated it; a configured one never reaches the log.
/// </summary>
internal sealed partial class DemoAccessBootstrapper(
    IGrainFactory grains,
    IOptions<AuthOptions> options,
    GeneratedOperatorKey generatedOperatorKey,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<DemoAccessBootstrapper> logger) : BackgroundService
{
    public const string KeyName = "demo (created at start)";

    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tenant = options.Value.DemoTenant;
        if (string.IsNullOrWhiteSpace(tenant))
        {
            return;
        }

        // After start, so that the silo is up and the server knows its address.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await grains.GetGrain<ITenantGrain>(tenant).RegisterAsync();
                var created = await grains.GetGrain<IApiKeysGrain>(tenant).ReplaceAsync(KeyName, ApiScopes.All);
                var address = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
                LogDemoKey(tenant, created.Key, address);
                if (generatedOperatorKey.Value is { } operatorKey && operatorKey == options.Value.OperatorKey)
                {
                    LogGeneratedOperatorKey(operatorKey);
                }

                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // A demo convenience must never stop the silo: log, retry a few times, then give up.
                if (attempt >= RetryDelays.Length)
                {
                    LogGaveUp(ex, tenant);
                    return;
                }

                LogRetry(tenant, ex.GetType().Name, RetryDelays[attempt].TotalSeconds);
                await Task.Delay(RetryDelays[attempt], stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo access for tenant '{Tenant}': API key {Key} (all scopes; it replaces the previous start's). Try: curl -H 'Authorization: Bearer {Key}' {Address}/v1/tenants/{Tenant}/workspaces/support-eu — dashboard: {Address}/dashboard. Turn this off in production (Auth:DemoTenant empty).")]
    private partial void LogDemoKey(string tenant, string key, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operator key for /v1/admin, generated for this run because Auth:OperatorKey is empty: {OperatorKey}")]
    private partial void LogGeneratedOperatorKey(string operatorKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo key for tenant '{Tenant}' not created yet ({ErrorType}); retrying in {DelaySeconds} s")]
    private partial void LogRetry(string tenant, string errorType, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Demo key for tenant '{Tenant}' could not be created; the silo runs on without it (create one through /v1/admin)")]
    private partial void LogGaveUp(Exception exception, string tenant);
}
