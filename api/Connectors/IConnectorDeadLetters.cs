namespace CraftCX.Api.Connectors;

/// <summary>Where a connector's unmappable deliveries go: the dead-letter topic, sealed with the tenant's key.</summary>
public interface IConnectorDeadLetters
{
    /// <summary>Completes when the letter is on the topic; throws when the topic cannot take it (the helpdesk then retries).</summary>
    Task PublishAsync(ConnectorDeadLetter letter, CancellationToken cancellationToken);
}
