using CraftCX.Aggregation;

namespace CraftCX.Conversations;

/// <summary>
/// Addresses a conversation's contribution: to its tenant, workspace and agent, as a retraction to every other
/// aggregate that may hold it, and, to the ones that kept it at the last release, with what it replaces.
/// </summary>
internal static class ContributionAddressing
{
    /// <summary>The aggregates a (not retracted) contribution counts in.</summary>
    public static List<AggregateTarget> TargetsOf(string tenant, ScoreContribution contribution)
    {
        var targets = new List<AggregateTarget>(3)
        {
            new(AggregateLevel.Tenant, tenant),
            new(AggregateLevel.Workspace, GrainKeys.Compose(tenant, contribution.Workspace ?? string.Empty)),
        };
        if (contribution.AgentId is { } agent)
        {
            targets.Add(new AggregateTarget(AggregateLevel.Agent, GrainKeys.Compose(tenant, agent)));
        }

        return targets;
    }

    /// <summary>
    /// The updates that bring every aggregate to <paramref name="current"/>, recorded in
    /// <paramref name="delivery"/>; true in <paramref name="changed"/> when the delivery must be stored before
    /// they are sent. A contribution not newer than the latest one sent is sent again as it was.
    /// </summary>
    /// <param name="formerTargets">Aggregates the conversation left before deliveries were recorded (older builds).</param>
    /// <param name="issuedAt">Stamped on every copy sent.</param>
    public static IReadOnlyList<AggregateUpdate> Address(
        AggregateDelivery delivery,
        string tenant,
        ScoreContribution current,
        IEnumerable<AggregateTarget> formerTargets,
        DateTimeOffset issuedAt,
        out bool changed)
    {
        changed = false;
        var sent = delivery.Latest is { } latest && !current.IsNewerThan(latest) ? latest : current;
        if (!ReferenceEquals(sent, delivery.Latest))
        {
            delivery.Latest = sent;
            changed = true;
        }

        if (delivery.Released is { } settled && !sent.IsNewerThan(settled))
        {
            // What the aggregates kept at the release (a replayed batch): each would ignore it, so nothing is sent.
            return [];
        }

        var counting = TargetsOf(tenant, sent);
        var kept = delivery.Released is { } released && !released.Retracted ? TargetsOf(tenant, released) : [];
        var all = new List<AggregateTarget>(counting);
        AddDistinct(all, delivery.Holders);
        AddDistinct(all, kept);
        if (delivery.Released is null)
        {
            AddDistinct(all, formerTargets);
        }

        var updates = new List<AggregateUpdate>(all.Count);
        var copy = sent with { IssuedAt = issuedAt };
        var retraction = copy.AsRetraction();
        foreach (var target in all)
        {
            var message = counting.Contains(target) ? copy : retraction;
            if (kept.Contains(target))
            {
                message = message with { Replaces = delivery.Released };
            }

            updates.Add(new AggregateUpdate(target.Level, target.Key, message));
            if (!delivery.Holders.Contains(target))
            {
                delivery.Holders.Add(target);
                changed = true;
            }
        }

        return updates;
    }

    /// <summary>
    /// Records that every holder applied <see cref="AggregateDelivery.Latest"/> and returns the releases to send
    /// once that is stored; empty when nothing is held.
    /// </summary>
    public static IReadOnlyList<AggregateRelease> Release(AggregateDelivery delivery)
    {
        if (delivery.Latest is not { } latest || delivery.Holders.Count == 0)
        {
            return [];
        }

        var release = latest.ToRelease();
        var releases = delivery.Holders.Select(h => new AggregateRelease(h.Level, h.Key, release)).ToArray();
        delivery.Holders = [];
        delivery.Released = latest;
        return releases;
    }

    private static void AddDistinct(List<AggregateTarget> into, IEnumerable<AggregateTarget> targets)
    {
        foreach (var target in targets)
        {
            if (!into.Contains(target))
            {
                into.Add(target);
            }
        }
    }
}
