using CraftCX.Conversations;
using CraftCX.Diagnostics;
using CraftCX.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CraftCX.Assessments;

/// <summary>
/// Runs one AI assessment off the event path, as this silo's <see cref="AssessmentDispatcher"/> hands it over (the
/// dispatcher limits how many run at once, for as long as each takes): reads the conversation, redacts, checks the
/// tenant's budget, calls the model (an invalid answer is retried once), and hands the outcome back. A plain service,
/// not a grain: an attempt may outlast a grain call's response timeout, and nothing here is one entity's state. A
/// failure only delays: the conversation keeps its request and its reminder asks again.
/// </summary>
public sealed partial class AssessmentRunner(
    IGrainFactory grains,
    IAiAssessor assessor,
    SiloStopping silo,
    IOptions<AiOptions> options,
    TimeProvider time,
    AiMetrics metrics,
    ILogger<AssessmentRunner> logger)
{
    private const int AnswersPerAssessment = 2;

    public async Task RunAsync(string conversationKey)
    {
        if (!options.Value.Enabled || silo.Token.IsCancellationRequested)
        {
            return;
        }

        try
        {
            var conversation = grains.GetGrain<IConversationGrain>(conversationKey);
            if (await conversation.GetAssessmentInputAsync() is not { } input)
            {
                return;
            }

            var outcome = await AssessAsync(conversationKey, input);
            metrics.Assessed(GrainKeys.Split(conversationKey).Tenant, outcome switch
            {
                { Record: not null } => "succeeded",
                { Skipped: true } => "skipped",
                { RetryAt: not null } => "waiting",
                _ => "failed",
            });
            await conversation.CompleteAssessmentAsync(outcome);
        }
        catch (Exception ex) when (silo.Token.IsCancellationRequested)
        {
            LogLeftForRestart(conversationKey, ex.GetType().Name);
        }
        catch (Exception ex)
        {
            LogRunFailed(ex, conversationKey);
        }
    }

    private async Task<AssessmentOutcome> AssessAsync(string conversationKey, AssessmentInput input)
    {
        var ai = options.Value;
        var tenant = GrainKeys.Split(conversationKey).Tenant;
        var settings = await grains.GetGrain<ITenantGrain>(tenant).GetAiSettingsAsync();
        var prompt = AssessmentPrompt.Build(input.Scorecard, input.Transcript, input.Customer);
        if (prompt.MessageIdsByAlias.Count == 0)
        {
            return AssessmentOutcome.Skip("no-messages");
        }

        var vocabulary = AssessmentVocabulary.Default;
        var schema = AssessmentSchema.For(input.Scorecard, vocabulary);

        // About three characters a token is a cautious estimate for English chat; the settle step corrects it.
        var estimate = (prompt.System.Length + prompt.User.Length + schema.GetRawText().Length) / 3 + ai.MaxOutputTokens * AnswersPerAssessment;
        var usage = grains.GetGrain<IAiUsageGrain>(tenant);
        var reservedAt = time.GetUtcNow();
        var decision = await usage.ReserveAsync(estimate, settings.TokensPerMinute ?? ai.TokensPerMinute, settings.TokensPerDay ?? ai.TokensPerDay);
        if (!decision.Granted)
        {
            LogBudget(conversationKey, decision.Reason!, decision.RetryAt);
            return decision.Reason == TokenBudget.DayExhausted
                ? AssessmentOutcome.Skip(decision.Reason)
                : AssessmentOutcome.Wait(decision.Reason!, decision.RetryAt!.Value);
        }

        long inputTokens = 0, output = 0;
        try
        {
            var request = new AiCallRequest(prompt.System, prompt.User, schema, settings.ExcludeFromTraining);
            var messageIds = prompt.MessageIdsByAlias.Keys.ToHashSet(StringComparer.Ordinal);
            IReadOnlyList<string> problems = [];
            for (var answer = 1; answer <= AnswersPerAssessment; answer++)
            {
                var result = await assessor.AssessAsync(request, silo.Token);
                inputTokens += result.Usage.Input;
                output += result.Usage.Output;
                metrics.Spent(tenant, result.Usage.Input, result.Usage.Output);
                var validation = AssessmentResponseValidator.Validate(result.Text, input.Scorecard, messageIds, vocabulary);
                if (validation.Content is { } content)
                {
                    return AssessmentOutcome.Succeeded(new AiAssessmentRecord(
                        prompt.WithMessageIds(content),
                        new AiProvenance(result.Model, ai.Deployment!, AssessmentPrompt.Version, time.GetUtcNow()),
                        new AiTokenUsage(inputTokens, output),
                        input.Sequence,
                        input.Pending.Trigger,
                        prompt.Redactions.Total));
                }

                problems = validation.Problems;
                LogInvalidAnswer(conversationKey, answer, problems.Count, LogText.Safe(string.Join("; ", problems.Take(3))));
            }

            return AssessmentOutcome.Failed("invalid-answer: " + string.Join("; ", problems.Take(3)));
        }
        catch (OperationCanceledException) when (silo.Token.IsCancellationRequested)
        {
            throw;
        }
        catch (AiCallException ex)
        {
            return AssessmentOutcome.Wait(ex.Reason, time.GetUtcNow() + (ex.RetryAfter ?? TimeSpan.FromSeconds(30)));
        }
        catch (Exception ex)
        {
            // Anything else (an error answer after the client's retries, a network failure): wait longer each time.
            var delay = TimeSpan.FromSeconds(Math.Min(ai.MaxRetryDelay.TotalSeconds, 5 * Math.Pow(2, Math.Min(input.Pending.Attempts, 10))));
            LogCallFailed(conversationKey, ex.GetType().Name, LogText.Safe(ex.Message), delay.TotalSeconds);
            return AssessmentOutcome.Wait("error: " + ex.GetType().Name, time.GetUtcNow() + delay);
        }
        finally
        {
            // A stopping silo may no longer reach the usage grain: the estimate then stays charged (minute and day), the
            // cautious side of a budget.
            if (!silo.Token.IsCancellationRequested)
            {
                await usage.SettleAsync(estimate, inputTokens + output, reservedAt);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "AI assessment of {Conversation} left for after the restart: the silo is stopping ({ErrorType})")]
    private partial void LogLeftForRestart(string conversation, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AI assessment of {Conversation} did not run")]
    private partial void LogRunFailed(Exception exception, string conversation);

    [LoggerMessage(Level = LogLevel.Information, Message = "AI assessment of {Conversation} waits: {Reason} until {RetryAt}")]
    private partial void LogBudget(string conversation, string reason, DateTimeOffset? retryAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AI answer {Answer} for {Conversation} rejected ({Count} problems): {Problems}")]
    private partial void LogInvalidAnswer(string conversation, int answer, int count, string problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AI call for {Conversation} failed ({ErrorType}: {Error}); retrying in {DelaySeconds:0} s")]
    private partial void LogCallFailed(string conversation, string errorType, string error, double delaySeconds);
}
