using System.Text.Json;
using System.Text.Json.Serialization;

namespace CraftCX.Api.Connectors.Imports;

/// <summary>Source-generated JSON metadata for reading export files.</summary>
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ImportJsonContext : JsonSerializerContext;
