using CraftCX.Connectors;

namespace CraftCX.Api.Connectors;

/// <summary>PATCH /v1/tenants/{tenant}/connectors/{id}: the fields to change; those left out stay.</summary>
internal sealed record ConnectorUpdate(string? Name, ConnectorMapping? Mapping, bool? Enabled);

/// <summary>POST /v1/tenants/{tenant}/connectors/{id}/secret: a secret to set, or none to have one made.</summary>
internal sealed record ConnectorSecretRequest(string? Secret);

/// <summary>A connector created or given a new secret: the secret (shown once) and the URL to give the helpdesk.</summary>
internal sealed record CreatedConnectorResponse(ConnectorInfo Connector, string Secret, string WebhookUrl);

/// <summary>A connector with the URL its helpdesk posts to.</summary>
internal sealed record ConnectorResponse(ConnectorInfo Connector, string WebhookUrl);
