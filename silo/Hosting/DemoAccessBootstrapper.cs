using CraftCX.Api.Security;
using CraftCX.Security;
using CraftCX.Tenants;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Hosting;

/// <summary>
/// Embedded default only (Auth:DemoTenant set): creates an all-scopes API key for the demo tenant at start and logs
/// it with the operator key, so that a newcomer can call the API and open the dashboard at once.
/// </summary>
public sealed partial class DemoAccessBootstrapper(
    IGrainFactory grains,
    IOptions<AuthOptions> options,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<DemoAccessBootstrapper> logger) : BackgroundService
{
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

        var created = await grains.GetGrain<ITenantGrain>(tenant).CreateApiKeyAsync("demo (created at start)", ApiScopes.All);
        var address = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
        LogDemoKey(tenant, created.Key, address, options.Value.OperatorKey ?? "(none)");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo access for tenant '{Tenant}': API key {Key} (all scopes). Try: curl -H 'Authorization: Bearer {Key}' {Address}/v1/tenants/{Tenant}/workspaces/support-eu — dashboard: {Address}/dashboard. Operator key for /v1/admin: {OperatorKey}. Turn this off in production (Auth:DemoTenant empty).")]
    private partial void LogDemoKey(string tenant, string key, string address, string operatorKey);
}
