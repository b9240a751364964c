using System.ClientModel;
using CraftCX.Assessments;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Telemetry;
using Polly.Timeout;

namespace CraftCX.Silo.Assessments;

/// <summary>
/// The assessor over any <see cref="IChatClient"/> (Azure OpenAI in production): strict structured output, the
/// tenant's data-use choice, a call timeout and a circuit breaker. The client library retries 429 (honouring
/// Retry-After) and 5xx answers itself; what still fails is reported so the assessment waits.
/// </summary>
internal sealed class ChatClientAiAssessor : IAiAssessor
{
    private readonly IChatClient _client;
    private readonly AiOptions _options;
    private readonly ResiliencePipeline _pipeline;

    public ChatClientAiAssessor(IChatClient client, IOptions<AiOptions> options, TimeProvider time)
    {
        _client = client;
        _options = options.Value;
        _pipeline = new ResiliencePipelineBuilder { Name = "craftcx-ai", TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                // Every call failing, at least this many in a minute: the AI is down, so stop asking for a while.
                FailureRatio = 1.0,
                MinimumThroughput = Math.Max(2, _options.CircuitBreakerFailures),
                SamplingDuration = TimeSpan.FromMinutes(1),
                BreakDuration = _options.CircuitBreakDuration,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not BrokenCircuitException),
            })
            .AddTimeout(_options.CallTimeout)

            // Polly's meter without its log lines, whose results could quote what the AI service answered.
            .ConfigureTelemetry(new TelemetryOptions { LoggerFactory = NullLoggerFactory.Instance })
            .Build();
    }

    public async Task<AiCallResult> AssessAsync(AiCallRequest request, CancellationToken cancellationToken)
    {
        var chatOptions = new ChatOptions
        {
            Temperature = _options.Temperature,
            MaxOutputTokens = _options.MaxOutputTokens,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(request.Schema, AssessmentSchema.Name, "A QA assessment of one support conversation."),

            // Microsoft.Extensions.AI sends "strict" only when asked; strict mode is what makes the schema binding.
            AdditionalProperties = new AdditionalPropertiesDictionary { ["strict"] = true },
            RawRepresentationFactory = _ => new OpenAI.Chat.ChatCompletionOptions { StoredOutputEnabled = request.ExcludeFromTraining ? false : null },
        };
        ChatMessage[] messages = [new(ChatRole.System, request.System), new(ChatRole.User, request.User)];
        try
        {
            var response = await _pipeline.ExecuteAsync(
                async token => await _client.GetResponseAsync(messages, chatOptions, token),
                cancellationToken);
            var usage = new AiTokenUsage(response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0);
            return new AiCallResult(response.Text, usage, response.ModelId ?? _options.Deployment!);
        }
        catch (BrokenCircuitException ex)
        {
            throw new AiCallException("circuit-open", ex.RetryAfter ?? _options.CircuitBreakDuration, ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new AiCallException("timeout", _options.MaxRetryDelay < TimeSpan.FromSeconds(30) ? _options.MaxRetryDelay : TimeSpan.FromSeconds(30), ex);
        }
        catch (ClientResultException ex) when (ex.Status == 429)
        {
            throw new AiCallException("rate-limited", RetryAfter(ex) ?? TimeSpan.FromSeconds(30), ex);
        }
    }

    private static TimeSpan? RetryAfter(ClientResultException ex) =>
        ex.GetRawResponse() is { } response
        && response.Headers.TryGetValue("Retry-After", out var value)
        && int.TryParse(value, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
