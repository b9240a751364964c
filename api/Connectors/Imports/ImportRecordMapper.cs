using System.Text.Json;
using CraftCX.Api.Connectors.Intercom;
using CraftCX.Api.Connectors.Zendesk;
using CraftCX.Connectors;

namespace CraftCX.Api.Connectors.Imports;

/// <summary>An export record through its connector's mapping: a Zendesk ticket, or an Intercom conversation.</summary>
internal static class ImportRecordMapper
{
    public static HelpdeskMapResult Map(ImportRecord record, ConnectorType type, string tenant, ConnectorMapping mapping) => type switch
    {
        ConnectorType.Zendesk => ZendeskTicketMapper.Map(record.Value, tenant, mapping, record.Roles),
        ConnectorType.Intercom => record.Value.ValueKind == JsonValueKind.Object && JsonFields.Text(record.Value, "type") is null or "conversation"
            ? IntercomConversationMapper.Map(record.Value, tenant, mapping)
            : HelpdeskMapResult.Fail("The record is not an Intercom conversation."),
        _ => HelpdeskMapResult.Fail("This connector type has no history import."),
    };

    public static bool CanImport(ConnectorType type) => type is ConnectorType.Zendesk or ConnectorType.Intercom;
}
