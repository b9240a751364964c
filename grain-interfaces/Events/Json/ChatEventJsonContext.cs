using System.Text.Json.Serialization;
using System.Text.Json;

namespace CraftCX.Events.Json;

/// <summary>Source-generated System.Text.Json metadata for the event contract (no reflection on the hot path).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(ChatEventDto))]
[JsonSerializable(typeof(List<ChatEventDto>))]
public sealed partial class ChatEventJsonContext : JsonSerializerContext;
