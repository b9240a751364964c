namespace CraftCX.Api.Connectors.Imports;

/// <summary>POST …/connectors/{id}/imports: one of a file in the import directory or a URL on an allowed host.</summary>
internal sealed record ConnectorImportRequest(string? File, string? Url);
