using CraftCX.Aggregation;
using CraftCX.ScoreChanges;

namespace CraftCX.Api.Dashboard;

/// <summary>
/// Merges a workspace's live updates between two sends: the latest state of each conversation and agent and the
/// latest aggregates win; alerts accumulate (bounded). A busy workspace thus costs a browser a bounded number of
/// messages a second however many events arrive. Standings (agents and workspace aggregates, the big payloads) can
/// be held back for a slower cadence than conversations and alerts.
/// </summary>
internal sealed class WorkspaceCoalescer(int maxAlerts)
{
    private readonly object _lock = new();
    private readonly Dictionary<string, ConversationScoreChange> _conversations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentScoreChange> _agents = new(StringComparer.Ordinal);
    private readonly List<LiveAlert> _alerts = [];
    private WindowView? _summary;

    /// <summary>Alerts dropped because more than the bound arrived between two sends.</summary>
    public long DroppedAlerts { get; private set; }

    public void Add(WorkspaceLiveUpdate update)
    {
        lock (_lock)
        {
            foreach (var change in update.Conversations)
            {
                if (!_conversations.TryGetValue(change.Conversation, out var held) || (held.Version, held.Revision).CompareTo((change.Version, change.Revision)) <= 0)
                {
                    _conversations[change.Conversation] = change;
                }
            }

            foreach (var agent in update.Agents)
            {
                _agents[agent.AgentId] = agent;
            }

            foreach (var alert in update.Alerts)
            {
                if (_alerts.Count < maxAlerts)
                {
                    _alerts.Add(alert);
                }
                else
                {
                    DroppedAlerts++;
                }
            }

            _summary = update.Summary;
        }
    }

    /// <summary>
    /// What was merged since the last take (standings only when <paramref name="withStandings"/>; otherwise they
    /// wait for a later take), or null when there is nothing to send.
    /// </summary>
    public PendingLiveMessages? Take(bool withStandings = true)
    {
        lock (_lock)
        {
            var standings = withStandings && (_summary is not null || _agents.Count > 0);
            if (!standings && _conversations.Count == 0 && _alerts.Count == 0)
            {
                return null;
            }

            var pending = new PendingLiveMessages(
                _conversations.Values.OrderBy(c => c.At).ToArray(),
                standings ? _agents.Values.ToArray() : [],
                _alerts.ToArray(),
                standings ? _summary : null);
            _conversations.Clear();
            _alerts.Clear();
            if (standings)
            {
                _agents.Clear();
                _summary = null;
            }

            return pending;
        }
    }
}

/// <summary>One send's worth of merged live changes.</summary>
internal sealed record PendingLiveMessages(
    IReadOnlyList<ConversationScoreChange> Conversations,
    IReadOnlyList<AgentScoreChange> Agents,
    IReadOnlyList<LiveAlert> Alerts,
    WindowView? Summary);
