namespace CraftCX.Api.Ingestion;

/// <summary>Where the HTTP ingest endpoint hands validated events: the same Kafka topic the ingestor reads.</summary>
public interface IEventIngress
{
    /// <summary>Completes when every event is durably accepted; throws when the log cannot take them.</summary>
    Task SubmitAsync(IReadOnlyList<RawEvent> events, CancellationToken cancellationToken);
}
