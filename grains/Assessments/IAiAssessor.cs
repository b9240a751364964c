using System.Text.Json;

namespace CraftCX.Assessments;

/// <summary>Sends one assessment prompt to a model and returns its raw answer; provider-neutral, so testable.</summary>
public interface IAiAssessor
{
    /// <summary>
    /// The model's answer text and usage. Throws <see cref="AiCallException"/> for a refusal worth waiting out
    /// (rate limit, outage, open circuit) and any other exception for a failed call.
    /// </summary>
    Task<AiCallResult> AssessAsync(AiCallRequest request, CancellationToken cancellationToken);
}

/// <summary>One model call: the messages, the schema the answer must follow, and the tenant's data-use choice.</summary>
public sealed record AiCallRequest(string System, string User, JsonElement Schema, bool ExcludeFromTraining);

/// <summary>What the model answered and what it cost.</summary>
public sealed record AiCallResult(string? Text, AiTokenUsage Usage, string Model);

/// <summary>A call refused for a while (429 after retries, circuit open, timeout): the assessment waits and tries again.</summary>
public sealed class AiCallException(string reason, TimeSpan? retryAfter, Exception? inner = null)
    : Exception($"AI call refused: {reason}", inner)
{
    public string Reason { get; } = reason;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
