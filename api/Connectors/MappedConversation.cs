using System.Security.Cryptography;
using System.Text;
using CraftCX.Events.Json;

namespace CraftCX.Api.Connectors;

/// <summary>The conversation a helpdesk record maps to, making its contract events with the connector's sequence slots.</summary>
internal sealed record MappedConversation(string Tenant, string Conversation, string Workspace, string Channel)
{
    public ChatEventDto Event(string id, string type, DateTimeOffset at, int slot, ChatEventDataDto data) => new()
    {
        Id = id,
        Type = type,
        Version = 1,
        Tenant = Tenant,
        Workspace = Workspace,
        Conversation = Conversation,
        OccurredAt = at,
        Sequence = ConnectorSequence.Of(at, slot),
        Data = data,
    };

    /// <summary>One event id per distinct tag set: the same tags delivered again are one event, a changed set another.</summary>
    public string TagsEventId(IEnumerable<string> tags) =>
        $"{Conversation}-tags-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', tags.Order(StringComparer.Ordinal)))))[..16]}";
}
