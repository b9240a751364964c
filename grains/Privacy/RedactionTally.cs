namespace CraftCX.Privacy;

/// <summary>How many values of each kind redaction replaced: evidence for the assessment record, never the values.</summary>
internal sealed class RedactionTally
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> Counts => _counts;

    public int Total => _counts.Values.Sum();

    internal string Replace(string placeholder)
    {
        _counts[placeholder] = _counts.GetValueOrDefault(placeholder) + 1;
        return placeholder;
    }
}
