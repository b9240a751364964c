namespace CraftCX.Connectors.Imports;

/// <summary>
/// How far an import came: every record before <paramref name="Records"/> is on the import topic (or dead-lettered),
/// so a runner that takes the job over skips that many and goes on.
/// </summary>
/// <param name="Records">Records read and handed on (tickets or conversations).</param>
/// <param name="Events">Contract events written to the import topic.</param>
/// <param name="DeadLettered">Records that could not be mapped, sent to the dead-letter topic with their reason.</param>
/// <param name="BytesRead">Bytes of the source read so far.</param>
/// <param name="TotalBytes">The source's length when known (a file, a URL with Content-Length).</param>
/// <param name="RecordsPerSecond">The rate of the current run.</param>
/// <param name="SecondsRemaining">The time left at that rate, from the bytes left; null when the length is unknown.</param>
[GenerateSerializer, Immutable, Alias("craftcx.connector-import-checkpoint.v1")]
public sealed record ConnectorImportCheckpoint(
    [property: Id(0)] long Records,
    [property: Id(1)] long Events,
    [property: Id(2)] long DeadLettered,
    [property: Id(3)] long BytesRead,
    [property: Id(4)] long? TotalBytes,
    [property: Id(5)] double RecordsPerSecond,
    [property: Id(6)] long? SecondsRemaining)
{
    public static readonly ConnectorImportCheckpoint Start = new(0, 0, 0, 0, null, 0, null);
}
