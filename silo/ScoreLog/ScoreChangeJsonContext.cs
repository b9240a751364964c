using System.Text.Json;
using System.Text.Json.Serialization;
using CraftCX.ScoreChanges;

namespace CraftCX.Silo.ScoreLog;

/// <summary>The JSON of the score log: camelCase, enums as kebab-case strings, the same shape the stream API serves.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConversationScoreChange))]
internal sealed partial class ScoreChangeJsonContext : JsonSerializerContext;
