namespace CraftCX.Api.Ingestion;

/// <summary>Trims ASCII whitespace (and a UTF-8 byte-order mark) around an NDJSON line.</summary>
internal static class ReadOnlyMemoryExtensions
{
    public static ReadOnlyMemory<byte> Trim(this ReadOnlyMemory<byte> memory)
    {
        var span = memory.Span;
        var start = 0;
        var end = span.Length;
        while (start < end && span[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or 0xEF or 0xBB or 0xBF)
        {
            start++;
        }

        while (end > start && span[end - 1] is (byte)' ' or (byte)'\t' or (byte)'\r')
        {
            end--;
        }

        return memory[start..end];
    }
}
