using System.Diagnostics;
using CraftCX.Aggregation;

namespace CraftCX.Conversations;

/// <summary>Puts the applying batch's trace on the copies it sends, so spans further down can link back to it.</summary>
internal static class TracedUpdates
{
    public static IReadOnlyList<AggregateUpdate> Stamp(IReadOnlyList<AggregateUpdate> updates, Activity? current)
    {
        // Nothing to link to when no one records the trace: the copies stay as they are, without an allocation.
        if (updates.Count == 0 || current is not { Recorded: true, IdFormat: ActivityIdFormat.W3C, Id: { } traceParent })
        {
            return updates;
        }

        var stamped = new AggregateUpdate[updates.Count];
        for (var i = 0; i < updates.Count; i++)
        {
            stamped[i] = updates[i] with { Contribution = updates[i].Contribution with { TraceParent = traceParent } };
        }

        return stamped;
    }
}
