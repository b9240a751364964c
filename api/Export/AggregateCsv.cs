using System.Globalization;
using System.Text;
using CraftCX.Aggregation;

namespace CraftCX.Api.Export;

/// <summary>Writes per-bucket aggregates as CSV: one row per bucket, a column group per criterion and per handler.</summary>
internal static class AggregateCsv
{
    public static string Write(IReadOnlyList<WindowView> buckets)
    {
        var criteria = buckets.SelectMany(b => b.Criteria.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var handlers = Enum.GetValues<HandledBy>().Where(h => h != HandledBy.None).ToArray();
        var csv = new StringBuilder();
        var header = new List<string> { "bucket_start", "granularity", "conversations", "auto_failed", "overall_mean", "overall_p50", "overall_p90" };
        header.AddRange(criteria.SelectMany(c => new[] { $"{c}_count", $"{c}_mean", $"{c}_p50", $"{c}_p90" }));
        header.AddRange(handlers.SelectMany(h => new[] { $"{Name(h)}_conversations", $"{Name(h)}_mean" }));
        csv.AppendLine(string.Join(',', header.Select(Quote)));
        foreach (var bucket in buckets)
        {
            var row = new List<string>
            {
                bucket.From.ToString("O", CultureInfo.InvariantCulture),
                bucket.Window,
                Number(bucket.Conversations),
                Number(bucket.AutoFailed),
                Number(bucket.Overall.Mean),
                Number(bucket.Overall.P50),
                Number(bucket.Overall.P90),
            };
            foreach (var criterion in criteria)
            {
                var summary = bucket.Criteria.GetValueOrDefault(criterion);
                row.AddRange([Number(summary?.Count ?? 0), Number(summary?.Mean), Number(summary?.P50), Number(summary?.P90)]);
            }

            foreach (var handler in handlers)
            {
                var comparison = bucket.ByHandler.FirstOrDefault(b => b.HandledBy == handler);
                row.AddRange([Number(comparison?.Conversations ?? 0), Number(comparison?.MeanOverall)]);
            }

            csv.AppendLine(string.Join(',', row.Select(Quote)));
        }

        return csv.ToString();
    }

    private static string Name(HandledBy handler) => handler.ToString().ToLowerInvariant();

    private static string Number(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    // RFC 4180, and a leading = + - @ tab or CR is neutralised (OWASP CSV injection) so that a spreadsheet never runs
    // a cell as a formula; numbers such as -5 stay numbers.
    private static string Quote(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
