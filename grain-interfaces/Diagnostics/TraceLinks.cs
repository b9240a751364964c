using System.Diagnostics;

namespace CraftCX.Diagnostics;

/// <summary>Spans of batched work, linked to each distinct trace its items came from.</summary>
public static class TraceLinks
{
    /// <summary>A span of batched work with no parent of its own, linked to its items' traces; null when no one listens.</summary>
    public static Activity? StartBatch(ActivitySource source, string name, ActivityKind kind, IEnumerable<string?> traceParents) =>
        source.HasListeners() ? source.StartActivity(name, kind, default(ActivityContext), links: Of(traceParents)) : null;

    /// <summary>At most <paramref name="max"/> links, one per trace; malformed or missing parents are skipped.</summary>
    public static List<ActivityLink>? Of(IEnumerable<string?> traceParents, int max = 32)
    {
        List<ActivityLink>? links = null;
        foreach (var parent in traceParents)
        {
            if (parent is null || !ActivityContext.TryParse(parent, null, isRemote: false, out var context))
            {
                continue;
            }

            if (links?.Exists(l => l.Context.TraceId == context.TraceId) == true)
            {
                continue;
            }

            (links ??= []).Add(new ActivityLink(context));
            if (links.Count == max)
            {
                break;
            }
        }

        return links;
    }
}
