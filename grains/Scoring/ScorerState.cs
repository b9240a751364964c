namespace CraftCX.Scoring;

/// <summary>Everything the rule scorer remembers about a conversation; its size does not grow with the conversation.</summary>
[GenerateSerializer, Alias("craftcx.scorer-state.v1")]
public sealed class ScorerState
{
    /// <summary>Per criterion id.</summary>
    [Id(0)] public Dictionary<string, CriterionState> Criteria { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public int AgentSideMessages { get; set; }
    [Id(2)] public int CustomerMessages { get; set; }

    // Customer sentiment.
    [Id(3)] public double? SentimentCurrent { get; set; }
    [Id(4)] public double? SentimentInitial { get; set; }
    [Id(5)] public double? SentimentLowest { get; set; }

    // Response times, in seconds of event time.
    [Id(6)] public DateTimeOffset? CustomerWaitingSince { get; set; }
    [Id(7)] public double? FirstResponseSeconds { get; set; }
    [Id(8)] public double ResponseSecondsSum { get; set; }
    [Id(9)] public int Responses { get; set; }
    [Id(10)] public double LongestWaitSeconds { get; set; }
    [Id(11)] public int SlaBreaches { get; set; }

    // Labels.
    [Id(12)] public Dictionary<string, int> TopicHits { get; set; } = new(StringComparer.Ordinal);
    [Id(13)] public int EscalationSignals { get; set; }
    [Id(14)] public int UnresolvedSignals { get; set; }
    [Id(15)] public bool PiiSeen { get; set; }

    // Closure as the helpdesk reported it.
    [Id(16)] public bool Closed { get; set; }
    [Id(17)] public string? CloseResolution { get; set; }

    /// <summary>The conversation's channel as its events name it: it picks the response-time targets.</summary>
    [Id(18)] public string? Channel { get; set; }

    public CriterionState For(string criterionId)
    {
        if (!Criteria.TryGetValue(criterionId, out var state))
        {
            state = new CriterionState();
            Criteria[criterionId] = state;
        }

        return state;
    }
}
