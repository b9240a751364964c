using System.Diagnostics.Metrics;
using CraftCX.Api.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CraftCX.Silo.Telemetry;

/// <summary>OpenTelemetry for the silo: the product's and its libraries' meters and spans, to OTLP and/or Prometheus.</summary>
internal static class TelemetryServices
{
    public static IServiceCollection AddCraftCXTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.Section))
            .Validate(o => o.OtlpEndpoint.Length == 0 || Uri.TryCreate(o.OtlpEndpoint, UriKind.Absolute, out _), "Telemetry:OtlpEndpoint must be an absolute URL (http://collector:4317) or empty.")
            .ValidateOnStart();
        services.TryAddSingleton<CraftCXTelemetry>();

        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var endpoint) ? endpoint : null;
        // Only what is exported is measured: a provider with no exporter would still make every span and measurement.
        var telemetry = services.AddOpenTelemetry().ConfigureResource(r => r.AddService(options.ServiceName));
        if (options.Prometheus || otlp is not null)
        {
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter(CraftCXTelemetry.Meters);

                // Only this host's own meters, and those not made by any host: in a process of several hosts (the
                // tests) another host's same-named meter would share these metrics, and its disposal remove them.
                ((IDeferredMeterProviderBuilder)metrics).Configure((provider, builder) =>
                {
                    var own = provider.GetRequiredService<IMeterFactory>();
                    builder.AddView(instrument => instrument.Meter.Scope is IMeterFactory factory && !ReferenceEquals(factory, own) ? MetricStreamConfiguration.Drop : null);
                });
                if (options.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            });
        }

        if (options.Tracing ?? otlp is not null)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(CraftCXTelemetry.Sources).AddAspNetCoreInstrumentation().AddNpgsql();
                if (otlp is not null)
                {
                    tracing.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            });
        }

        return services;
    }

    /// <summary>Maps <c>/metrics</c> when Prometheus is on: behind the operator key unless told otherwise.</summary>
    public static void MapCraftCXMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (!options.Prometheus)
        {
            return;
        }

        var route = app.MapPrometheusScrapingEndpoint("/metrics");
        if (!options.PrometheusWithoutKey)
        {
            route.RequireOperatorKey();
        }
    }
}
