using System.Globalization;
using System.Text;

namespace CraftCX.Api.ScoreStream;

/// <summary>
/// Where a reader of the score log is: the next offset to read in each partition. Its text form is the cursor a
/// client resumes from (opaque to clients: "v1." + base64url of "partition:offset,...").
/// </summary>
public sealed class StreamPosition
{
    private const string Version = "v1.";

    public StreamPosition(IReadOnlyDictionary<int, long> nextOffsets)
    {
        NextOffsets = new SortedDictionary<int, long>(nextOffsets.ToDictionary(p => p.Key, p => p.Value));
    }

    public IReadOnlyDictionary<int, long> NextOffsets { get; }

    public string ToCursor()
    {
        var text = string.Join(",", NextOffsets.Select(p => $"{p.Key}:{p.Value}"));
        return Version + Convert.ToBase64String(Encoding.ASCII.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool TryParse(string? cursor, out StreamPosition? position)
    {
        position = null;
        if (string.IsNullOrWhiteSpace(cursor) || !cursor.StartsWith(Version, StringComparison.Ordinal) || cursor.Length > 4096)
        {
            return false;
        }

        try
        {
            var body = cursor[Version.Length..].Replace('-', '+').Replace('_', '/');
            body += new string('=', (4 - body.Length % 4) % 4);
            var offsets = new Dictionary<int, long>();
            foreach (var pair in Encoding.ASCII.GetString(Convert.FromBase64String(body)).Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = pair.Split(':');
                var partition = int.Parse(parts[0], CultureInfo.InvariantCulture);
                var offset = long.Parse(parts[1], CultureInfo.InvariantCulture);
                if (parts.Length != 2 || partition < 0 || offset < 0 || !offsets.TryAdd(partition, offset))
                {
                    return false;
                }
            }

            position = new StreamPosition(offsets);
            return offsets.Count > 0;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or IndexOutOfRangeException)
        {
            return false;
        }
    }
}
