using System.Text.Json;
using System.Text.Json.Serialization;
using CraftCX.Api.Assessments;
using CraftCX.Api.Audit;
using CraftCX.Api.Connectors;
using CraftCX.Api.Connectors.Imports;
using CraftCX.Api.Configuration;
using CraftCX.Api.Dashboard;
using CraftCX.Api.Export;
using CraftCX.Api.Health;
using CraftCX.Api.History;
using CraftCX.Api.Http;
using CraftCX.Api.Ingestion;
using CraftCX.Api.OpenApi;
using CraftCX.Api.Privacy;
using CraftCX.Api.Reads;
using CraftCX.Api.Reviews;
using CraftCX.Api.ScoreStream;
using CraftCX.Api.Security;
using CraftCX.Api.Tenants;
using CraftCX.Events;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;

namespace CraftCX.Api;

/// <summary>Registers and maps the whole HTTP surface; the silo hosts it.</summary>
public static class CraftCXApi
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddCraftCXApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section))
            .ValidateAnnotationsOnStart<ApiOptions, ApiOptionsValidator>(ApiOptions.Section);
        services.AddBadRequestDetails();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        });
        services.AddSingleton<IngestBatchParser>();
        services.AddConnectorImports(configuration);
        services.AddHealthChecks();
        services.AddCraftCXSecurity(configuration);
        services.AddOptions<LiveOptions>().Bind(configuration.GetSection(LiveOptions.Section))
            .ValidateAnnotationsOnStart<LiveOptions, LiveOptionsValidator>(LiveOptions.Section);
        services.AddSignalR().AddJsonProtocol(o =>
        {
            o.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        });
        services.AddCraftCXOpenApi();
        services.AddSingleton<LiveMetrics>();
        services.AddSingleton<LiveTracing>();
        services.AddSingleton<LiveUpdateBridge>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveUpdateBridge>());
        return services;
    }

    public static WebApplication UseCraftCXApi(this WebApplication app)
    {
        app.UseExceptionHandler(BadRequestDetails.HandlerOptions());
        app.UseStatusCodePages();
        app.UseDashboard();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseWhen(c => c.Request.Path.StartsWithSegments(LiveHub.Path), b => b.UseMiddleware<LiveConnectionLimit>());
        app.MapAuth();
        app.MapEventIngest();
        app.MapImportStatus();
        app.MapConnectors();
        app.MapWebhooks();
        app.MapConnectorImports();
        app.MapReads();
        app.MapHub<LiveHub>(LiveHub.Path);
        app.MapScoreStream();
        app.MapExport();
        app.MapHistory();
        app.MapAiSettings();
        app.MapPeerBenchmarks();
        app.MapRetentionSettings();
        app.MapAudit();
        app.MapLegalHolds();
        app.MapEndUserRequests();
        app.MapTenantLifecycle();
        app.MapTenantEncryption();
        app.MapKeyEncryptionKeyRewrap();
        app.MapDeadLetters();
        app.MapReviews();
        app.MapOpenApi(OpenApiDocumentation.Path);
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync });
        return app;
    }
}
