namespace CraftCX.Api.Connectors.Imports;

/// <summary>The rate of one run of an import and the time left, from the bytes of the source still to read.</summary>
internal sealed class ImportProgressMeter(DateTimeOffset startedAt, long startRecords, long startBytes)
{
    public (double RecordsPerSecond, long? SecondsRemaining) At(DateTimeOffset now, long records, long bytesRead, long? totalBytes)
    {
        var seconds = Math.Max((now - startedAt).TotalSeconds, 0.001);
        var rate = Math.Max(records - startRecords, 0) / seconds;
        var bytesPerSecond = Math.Max(bytesRead - startBytes, 0) / seconds;
        long? remaining = totalBytes is { } total && bytesPerSecond > 0
            ? (long)Math.Ceiling(Math.Max(total - bytesRead, 0) / bytesPerSecond)
            : null;
        return (Math.Round(rate, 1), remaining);
    }
}
