using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CraftCX.Assessments;

/// <summary>Source-generated JSON for the assessment schema.</summary>
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class AssessmentJsonContext : JsonSerializerContext;
