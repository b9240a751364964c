using CraftCX.Encryption;

namespace CraftCX.Connectors;

/// <summary>
/// A tenant's helpdesk connectors: their settings, sealed secrets and delivery counters. Key: "tenant/connectors",
/// stored sealed with the tenant's data key.
/// </summary>
[Alias("craftcx.IConnectorsGrain")]
public interface IConnectorsGrain : ISealedStateOwner
{
    /// <summary>Creates a connector; throws <see cref="ArgumentException"/> naming what is wrong with the spec.</summary>
    Task<CreatedConnector> CreateAsync(ConnectorSpec spec);

    /// <summary>Changes the name, mapping or enabled flag; null when there is no such connector.</summary>
    Task<ConnectorInfo?> UpdateAsync(string id, string? name, ConnectorMapping? mapping, bool? enabled);

    /// <summary>Sets a new secret (given, or generated when null) and answers it once; null when there is no such connector.</summary>
    Task<CreatedConnector?> SetSecretAsync(string id, string? secret);

    Task<bool> DeleteAsync(string id);

    [ReadOnly]
    Task<IReadOnlyList<ConnectorInfo>> ListAsync();

    [ReadOnly]
    Task<ConnectorInfo?> GetAsync(string id);

    /// <summary>The secret and mapping for checking a delivery; null when there is no such connector.</summary>
    [ReadOnly]
    Task<ConnectorCredentials?> GetCredentialsAsync(string id);

    /// <summary>Whether a delivery with this id was taken already (a helpdesk's retry).</summary>
    [ReadOnly]
    Task<bool> IsDuplicateAsync(string id, string deliveryId);

    /// <summary>Counts one delivery; counters are stored within seconds, not at each delivery.</summary>
    Task RecordAsync(string id, DeliveryOutcome outcome);

    /// <summary>The tenant's data is deleted: the connectors go with it.</summary>
    Task ForgetAsync();
}
