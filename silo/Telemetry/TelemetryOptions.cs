namespace CraftCX.Silo.Telemetry;

/// <summary>Metrics and traces (section "Telemetry"): an OTLP collector, and a Prometheus scrape route.</summary>
internal sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>An OTLP collector (e.g. http://otel-collector:4317); empty exports nothing over OTLP.</summary>
    public string OtlpEndpoint { get; set; } = string.Empty;

    /// <summary>Serve the metrics at <c>/metrics</c> in Prometheus' text format.</summary>
    public bool Prometheus { get; set; }

    /// <summary>Let a scraper read <c>/metrics</c> without the operator key (only on a network the scraper alone reaches).</summary>
    public bool PrometheusWithoutKey { get; set; }

    /// <summary>
    /// Build spans (W3C trace context through Kafka, Orleans grain calls, HTTP, PostgreSQL). Defaults to on exactly
    /// when an OTLP endpoint is set: without a listener no span is made, which keeps the hot path free of them.
    /// </summary>
    public bool? Tracing { get; set; }

    /// <summary>The service name on every metric and span.</summary>
    public string ServiceName { get; set; } = "craftcx-silo";
}
