namespace CraftCX.Api.Ingestion;

/// <summary>The answer to POST /v1/events.</summary>
internal sealed record IngestResponse(int Accepted, int Rejected, IReadOnlyList<IngestError> Errors);

/// <summary>Why one event of a request was refused; Index is its position (array index or NDJSON line, from 0).</summary>
internal sealed record IngestError(int Index, string? Id, string Code, string Detail);
