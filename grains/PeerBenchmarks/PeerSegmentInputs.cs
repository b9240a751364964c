using CraftCX.Aggregation;

namespace CraftCX.PeerBenchmarks;

/// <summary>A tenant's segments as a publication takes them, from its merged daily history.</summary>
internal static class PeerSegmentInputs
{
    public static IReadOnlyList<PeerSegmentInput> From(AggregateBucket merged) =>
        [.. merged.Segments
            .Where(s => s.Value.Conversations > 0)
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s =>
            {
                var (channel, handler) = (s.Key[..s.Key.IndexOf('/', StringComparison.Ordinal)], s.Key[(s.Key.IndexOf('/', StringComparison.Ordinal) + 1)..]);
                return new PeerSegmentInput(channel, handler, s.Value.Conversations, s.Value.Overall, s.Value.Criteria, s.Value.FirstResponse);
            })];
}
