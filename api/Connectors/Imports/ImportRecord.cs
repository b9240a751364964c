using System.Text.Json;

namespace CraftCX.Api.Connectors.Imports;

/// <summary>One ticket or conversation of an export, with the user roles its page sideloaded (Zendesk's <c>users</c>).</summary>
internal sealed record ImportRecord(JsonElement Value, IReadOnlyDictionary<string, string>? Roles);
