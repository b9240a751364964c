using System.Diagnostics;

namespace CraftCX.Api.Telemetry;

/// <summary>Links from a batched span to each distinct trace its items came from.</summary>
public static class TraceLinks
{
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
