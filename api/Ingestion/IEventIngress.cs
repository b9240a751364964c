namespace CraftCX.Api.Ingestion;

/// <summary>Where the HTTP ingest endpoint hands validated events: the Kafka topics the ingestor reads.</summary>
public interface IEventIngress
{
    /// <summary>
    /// Completes when every event is durably accepted; throws when the log cannot take them. Imports go to the import
    /// topic, which the ingestor reads behind live traffic.
    /// </summary>
    Task SubmitAsync(IReadOnlyList<RawEvent> events, bool import, CancellationToken cancellationToken);
}
