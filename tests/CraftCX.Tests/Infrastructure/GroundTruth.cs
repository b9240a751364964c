using System.Text.Json;
using CraftCX.Aggregation;
using CraftCX.Aggregation.History;
using CraftCX.Tenants;
using CraftCX.Conversations;
using CraftCX.Events.Json;

namespace CraftCX.Tests.Infrastructure;

/// <summary>
/// What the aggregates must show, computed in the test from the produced events: each conversation is replayed
/// through the conversation rules alone, and counts, means and nearest-rank percentiles are computed here with
/// plain LINQ over the final scores, independent of the histogram code.
/// </summary>
public sealed class GroundTruth
{
    private GroundTruth(Dictionary<string, (ConversationState State, ScoreContribution? Contribution)> conversations)
    {
        ConversationStates = conversations;
    }

    internal IReadOnlyDictionary<string, (ConversationState State, ScoreContribution? Contribution)> ConversationStates { get; }

    public IEnumerable<ScoreContribution> Contributions => ConversationStates.Values.Select(v => v.Contribution).OfType<ScoreContribution>();

    public static GroundTruth From(IEnumerable<ChatEventDto> events)
    {
        var conversations = new Infrastructure.Conversations();
        var result = new Dictionary<string, (ConversationState, ScoreContribution?)>(StringComparer.Ordinal);
        foreach (var group in events.GroupBy(e => TestEvents.Key(e)))
        {
            var state = new ConversationState();
            var first = group.First();
            conversations.Apply(state, first.Tenant!, first.Conversation!, group.OrderBy(e => e.Sequence).ToArray());
            var contribution = ConversationProcessor.BuildUpdates(state, first.Tenant!, first.Conversation!, conversations.Scorecard, DateTimeOffset.UtcNow)
                .FirstOrDefault(u => u.Level == AggregateLevel.Tenant)?.Contribution;
            result[group.Key] = (state, contribution);
        }

        return new GroundTruth(result);
    }

    public IEnumerable<ScoreContribution> ForAgent(string agentId) => Contributions.Where(c => c.AgentId == agentId);

    public IEnumerable<ScoreContribution> ForWorkspace(string workspace) =>
        ConversationStates.Values.Where(v => v.Contribution is not null && v.State.Workspace == workspace).Select(v => v.Contribution!);

    public static (long Count, double? Mean, int? P50, int? P90) Summary(IEnumerable<int> scores)
    {
        var sorted = scores.OrderBy(s => s).ToArray();
        if (sorted.Length == 0)
        {
            return (0, null, null, null);
        }

        int Rank(double p) => sorted[Math.Max(1, (int)Math.Ceiling(p * sorted.Length)) - 1];
        return (sorted.Length, Math.Round(sorted.Average(), 2), Rank(0.5), Rank(0.9));
    }

    /// <summary>
    /// Asserts that every conversation, agent, workspace and tenant grain of the tenant shows exactly what the
    /// ground truth says: nothing lost, nothing counted twice.
    /// </summary>
    public async Task AssertGrainsMatchAsync(IGrainFactory grains, string tenant)
    {
        var scorecard = new Infrastructure.Conversations().Scorecard;
        foreach (var (key, (state, _)) in ConversationStates)
        {
            var (_, conversation) = GrainKeys.Split(key);
            var actual = await grains.GetGrain<IConversationGrain>(key).GetSnapshotAsync(includeTranscript: true);
            var expected = ConversationSnapshots.Create(state, tenant, conversation, scorecard, includeTranscript: true);
            Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
        }

        foreach (var agent in Contributions.Select(c => c.AgentId!).Distinct())
        {
            var view = await grains.GetGrain<IAgentGrain>(GrainKeys.Compose(tenant, agent)).GetViewAsync();
            Assert.NotNull(view);
            Assert.Equal(ForAgent(agent).All(c => c.AgentIsBot), view.IsBot);
            foreach (var window in view.Windows)
            {
                AssertWindowMatches(window, ForAgent(agent).ToList(), withLeaderboard: false);
            }
        }

        foreach (var workspace in ConversationStates.Values.Select(v => v.State.Workspace).Distinct())
        {
            var view = await grains.GetGrain<IWorkspaceGrain>(GrainKeys.Compose(tenant, workspace)).GetViewAsync();
            Assert.NotNull(view);
            foreach (var window in view.Windows)
            {
                AssertWindowMatches(window, ForWorkspace(workspace).ToList(), withLeaderboard: true);
            }
        }

        var tenantView = await grains.GetGrain<ITenantGrain>(tenant).GetViewAsync();
        Assert.NotNull(tenantView);
        foreach (var window in tenantView.Windows)
        {
            AssertWindowMatches(window, Contributions.ToList(), withLeaderboard: true);
        }
    }

    /// <summary>
    /// Asserts that the tenant's and every workspace's history from <paramref name="from"/> to now equals the ground
    /// truth, bucket by bucket and in total (what the chunks store plus what is still on its way to them).
    /// </summary>
    public async Task AssertHistoryMatchesAsync(IGrainFactory grains, string tenant, HistoryGranularity granularity, DateTimeOffset from)
    {
        var now = DateTimeOffset.UtcNow;
        Assert.True(HistoryRange.TryCreate(HistoryCalendar.Name(granularity), from, now, now, HistoryRetention.DefaultMonths, out var range, out var error), error);
        AssertPeriodMatches((await grains.GetGrain<ITenantGrain>(tenant).GetHistoryAsync(range!, compare: false))!.Current, granularity, Contributions.ToList());
        foreach (var workspace in ConversationStates.Values.Select(v => v.State.Workspace).Distinct())
        {
            var view = await grains.GetGrain<IWorkspaceGrain>(GrainKeys.Compose(tenant, workspace)).GetHistoryAsync(range!, compare: false);
            AssertPeriodMatches(view!.Current, granularity, ForWorkspace(workspace).ToList());
        }
    }

    private static void AssertPeriodMatches(HistoryPeriod period, HistoryGranularity granularity, IReadOnlyCollection<ScoreContribution> expected)
    {
        var inRange = expected.Where(c => c.At >= period.From && c.At < period.To).ToList();
        Assert.NotEmpty(inRange);
        foreach (var bucket in period.Buckets)
        {
            var these = inRange.Where(c => HistoryCalendar.Floor(granularity, c.At) == bucket.From).ToList();
            if (these.Count == 0)
            {
                Assert.Equal(0, bucket.Conversations);
                continue;
            }

            // A history bucket leaves its histograms out (the total merges them); its percentiles are still exact.
            AssertWindowMatches(bucket, these, withLeaderboard: false, withHistograms: false);
        }

        AssertWindowMatches(period.Total, inRange, withLeaderboard: false);
    }

    /// <summary>Asserts that one window of an aggregate equals the ground truth over the given contributions.</summary>
    public static void AssertWindowMatches(WindowView window, IReadOnlyCollection<ScoreContribution> expected, bool withLeaderboard, bool withHistograms = true)
    {
        Assert.Equal(withHistograms, window.Overall.Histogram is not null);
        Assert.Equal(expected.Count, window.Conversations);
        Assert.Equal(expected.Count(c => c.AutoFailed), window.AutoFailed);
        AssertSummary(Summary(expected.Select(c => c.Overall)), window.Overall, "overall");

        var criteria = expected.SelectMany(c => c.Criteria).GroupBy(c => c.CriterionId).ToDictionary(g => g.Key, g => g.Select(c => c.Score).ToList());
        Assert.Equal(criteria.Keys.Order(), window.Criteria.Keys.Order());
        foreach (var (criterion, scores) in criteria)
        {
            AssertSummary(Summary(scores), window.Criteria[criterion], criterion);
        }

        var handlers = expected.GroupBy(c => c.HandledBy).OrderBy(g => g.Key).ToList();
        Assert.Equal(handlers.Select(g => g.Key), window.ByHandler.Select(h => h.HandledBy));
        foreach (var group in handlers)
        {
            var actual = window.ByHandler.Single(h => h.HandledBy == group.Key);
            Assert.Equal(group.Count(), actual.Conversations);
            Assert.Equal(Math.Round(group.Average(c => c.Overall), 2), actual.MeanOverall);
        }

        if (withLeaderboard)
        {
            var agents = expected.Where(c => c.AgentId is not null).GroupBy(c => c.AgentId!).ToDictionary(g => g.Key, g => g.ToList());
            Assert.Equal(agents.Count, window.Leaderboard.Count);
            foreach (var entry in window.Leaderboard)
            {
                Assert.Equal(agents[entry.AgentId].Count, entry.Conversations);
                Assert.Equal(Math.Round(agents[entry.AgentId].Average(c => c.Overall), 2), entry.MeanOverall);
            }

            Assert.Equal(window.Leaderboard.Select(e => e.MeanOverall).OrderByDescending(m => m), window.Leaderboard.Select(e => e.MeanOverall));
        }
    }

    private static void AssertSummary((long Count, double? Mean, int? P50, int? P90) expected, ScoreSummary actual, string what)
    {
        Assert.True(expected == (actual.Count, actual.Mean, actual.P50, actual.P90), $"{what}: expected {expected}, got ({actual.Count}, {actual.Mean}, {actual.P50}, {actual.P90})");
        if (actual.Histogram is { } histogram)
        {
            Assert.Equal(actual.Count, histogram.Sum());
        }
    }
}
