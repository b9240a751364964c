using System.ComponentModel.DataAnnotations;

namespace CraftCX.Assessments;

/// <summary>
/// The AI assessor (section "Ai"). Off unless an endpoint and a deployment are set; everything else works without it.
/// </summary>
public sealed class AiOptions
{
    public const string Section = "Ai";

    /// <summary>Azure OpenAI resource, e.g. https://my-resource.openai.azure.com/.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The model deployment to call.</summary>
    public string? Deployment { get; set; }

    /// <summary>API key; when empty, Entra ID (DefaultAzureCredential: managed identity, environment, Azure CLI...).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Azure OpenAI api-version; empty uses the client library's default.</summary>
    public string? ApiVersion { get; set; }

    [Range(0.0, 2.0)]
    public float Temperature { get; set; }

    [Range(1, 1_000_000)]
    public int MaxOutputTokens { get; set; } = 1500;

    /// <summary>Longest a single model call may take (the client retries within it).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of 429 (honouring Retry-After) and 5xx answers by the client library.</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Assessments running at once on one silo.</summary>
    [Range(1, 1024)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>A criterion shows the AI score instead of the rule score when the AI's confidence is at least this.</summary>
    [Range(0.0, 1.0)]
    public double MinConfidence { get; set; } = Conversations.ConversationScoring.DefaultMinConfidence;

    /// <summary>During a live conversation, at most one risk-triggered assessment per conversation per this interval.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RiskDebounce { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest wait between two attempts of a pending assessment while the AI is unreachable.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How often a conversation's reminder asks again while its assessment is pending: the durable safety net for a
    /// silo that stopped or died mid-attempt (retries while the silo is up use timers and are faster).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Token budget of a tenant that has not set its own; 0 means no limit.</summary>
    [Range(typeof(long), "0", "9223372036854775807")]
    public long TokensPerMinute { get; set; } = 60_000;

    [Range(typeof(long), "0", "9223372036854775807")]
    public long TokensPerDay { get; set; } = 2_000_000;

    /// <summary>Failures in a row (after the client's retries) that open the circuit, and how long it stays open.</summary>
    [Range(1, 10_000)]
    public int CircuitBreakerFailures { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00.5", "1.00:00:00")]
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>What the AI deployment charges per million input tokens, in <see cref="PriceCurrency"/>; 0 leaves spend unmeasured.</summary>
    [Range(0.0, 1_000_000.0)]
    public double InputTokenPricePerMillion { get; set; }

    /// <summary>What the AI deployment charges per million output tokens, in <see cref="PriceCurrency"/>.</summary>
    [Range(0.0, 1_000_000.0)]
    public double OutputTokenPricePerMillion { get; set; }

    /// <summary>The currency of the prices, the unit of the spend meter.</summary>
    public string PriceCurrency { get; set; } = "USD";

    /// <summary>Whether a price is set, so spend can be measured.</summary>
    public bool Priced => InputTokenPricePerMillion > 0 || OutputTokenPricePerMillion > 0;

    /// <summary>What the given tokens cost at the configured prices.</summary>
    public double SpendOf(long inputTokens, long outputTokens) =>
        ((inputTokens * InputTokenPricePerMillion) + (outputTokens * OutputTokenPricePerMillion)) / 1_000_000;

    /// <summary>Also assess imported (backfilled) conversations; off, a backfill spends no tokens and they keep their rule scores.</summary>
    public bool AssessImports { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Deployment);
}
