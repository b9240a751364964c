namespace CraftCX.Api.Ingestion;

/// <summary>A validated event's original JSON and its partitioning key (tenant/conversation).</summary>
public sealed record RawEvent(string Key, ReadOnlyMemory<byte> Json);
