using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CraftCX.Api.Http;
using CraftCX.Api.Security;
using CraftCX.Events;
using CraftCX.ScoreChanges;
using CraftCX.Security;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CraftCX.Api.ScoreStream;

/// <summary>
/// GET /v1/stream/scores: the tenant's score changes for BI tools, as Server-Sent Events or NDJSON, filtered,
/// and resumable from a cursor (SSE Last-Event-ID or ?cursor=) with no gap and no duplicate.
/// </summary>
internal static class ScoreStreamEndpoints
{
    /// <summary>One NDJSON line: the change, or null for a heartbeat, and the cursor that resumes after it.</summary>
    public sealed record StreamLine(string Type, string Cursor, ConversationScoreChange? Score);

    public static IEndpointRouteBuilder MapScoreStream(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/stream/scores", Handle)
            .RequireAuthorization(CraftCXClaims.ScopePolicy(ApiScopes.Read))
            .WithName("StreamScores")
            .WithSummary("Score changes of the credential's tenant as SSE (Accept: text/event-stream) or NDJSON; resumable")
            .WithDescription("Filters: workspace, agent, criterion. Resume with the SSE Last-Event-ID header or ?cursor=. from=now starts at the end of the log; follow=false stops at the end instead of waiting for more. A cursor older than the log's retention answers 410 with earliestCursor. The stream ends when its key is revoked.")
            .Produces<StreamLine>(StatusCodes.Status200OK, "application/x-ndjson", "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return endpoints;
    }

    /// <summary>The kind of session a score stream is in <see cref="CredentialSessions"/>.</summary>
    public const string SessionKind = "stream";

    private static async Task<IResult> Handle(
        HttpContext context,
        IScoreStreamSource source,
        CredentialSessions sessions,
        IOptions<ApiOptions> api,
        IOptions<JsonOptions> json,
        string? workspace,
        string? agent,
        string? criterion,
        string? cursor,
        string? from,
        bool? follow)
    {
        var invalid = (workspace is not null ? RouteIds.CheckScope("workspace", workspace) : null)
            ?? (agent is not null ? RouteIds.CheckId("agent", agent) : null)
            ?? (criterion is not null ? RouteIds.CheckId("criterion", criterion) : null);
        if (invalid is not null)
        {
            return invalid;
        }

        var resumeFrom = cursor ?? context.Request.Headers["Last-Event-ID"].ToString();
        StreamPosition? position = null;
        if (!string.IsNullOrEmpty(resumeFrom) && !StreamPosition.TryParse(resumeFrom, out position))
        {
            return Problems.BadRequest("Invalid cursor", "The cursor is not one this stream issued; start without one or use a cursor from a previous event.");
        }

        if (from is not null and not ("beginning" or "now"))
        {
            return Problems.BadRequest("Invalid start", "from must be beginning or now.");
        }

        if (position is not null && await source.FindGapAsync(position, context.RequestAborted) is { } earliest)
        {
            // Never a silent jump: the client decides whether to go on from the earliest entry still kept.
            var earliestCursor = earliest.ToCursor();
            return Problems.Gone(
                "The cursor points before the oldest score change the log still keeps (older ones passed its retention). Resume from the earliest cursor, knowing that changes in between are gone, or start again with from=now.",
                new Dictionary<string, object?> { ["earliestCursor"] = earliestCursor });
        }

        var tenant = context.User.FindFirst(CraftCXClaims.Tenant)!.Value;
        var keyId = context.User.FindFirst(CraftCXClaims.KeyId)?.Value ?? string.Empty;
        var revoked = new CancellationTokenSource();
        var lease = sessions.TryOpen(tenant, keyId, SessionKind, api.Value.MaxStreamsPerKey, () => CancelQuietly(revoked));
        if (lease is null)
        {
            revoked.Dispose();
            context.Response.Headers.RetryAfter = "5";
            return Problems.TooManyRequests($"This key already holds {api.Value.MaxStreamsPerKey} score streams on this silo (Api:MaxStreamsPerKey); close one first.");
        }

        var lines = Filter(source, tenant, position, from == "now", follow ?? true, workspace, agent, criterion, lease, revoked, context.RequestAborted);
        var wantsSse = context.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);
        return wantsSse
            ? TypedResults.ServerSentEvents(lines.Select(l => new SseItem<ConversationScoreChange?>(l.Score, l.Type) { EventId = l.Cursor }))
            : new NdjsonResult(lines, json.Value.SerializerOptions, context.RequestServices.GetRequiredService<Dashboard.LiveMetrics>());
    }

    private static async IAsyncEnumerable<StreamLine> Filter(
        IScoreStreamSource source,
        string tenant,
        StreamPosition? position,
        bool fromNow,
        bool follow,
        string? workspace,
        string? agent,
        string? criterion,
        IDisposable lease,
        CancellationTokenSource revoked,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, revoked.Token);
        await using var entries = source.ReadAsync(tenant, position, fromNow, follow, stop.Token).GetAsyncEnumerator(stop.Token);
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await entries.MoveNextAsync();
                }
                catch (OperationCanceledException) when (revoked.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    // The key was revoked: the stream ends here.
                    yield break;
                }

                if (!more)
                {
                    yield break;
                }

                var entry = entries.Current;
                var cursor = entry.After.ToCursor();
                if (entry.Change is not { } change)
                {
                    yield return new StreamLine("heartbeat", cursor, null);
                    continue;
                }

                // Isolation: only the credential's tenant, whatever the source or the filters say.
                if (change.Tenant != tenant
                    || (workspace is not null && change.Workspace != workspace)
                    || (agent is not null && change.AgentId != agent)
                    || (criterion is not null && !change.Criteria.Any(c => c.CriterionId == criterion)))
                {
                    continue;
                }

                yield return new StreamLine("score", cursor, change);
            }
        }
        finally
        {
            // The lease first, so that a revocation arriving now no longer reaches the token source.
            lease.Dispose();
            revoked.Dispose();
        }
    }

    private static void CancelQuietly(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The stream ended on its own meanwhile.
        }
    }

    /// <summary>Writes one JSON object per line and flushes each, so that a client sees every change as it comes.</summary>
    private sealed class NdjsonResult(IAsyncEnumerable<StreamLine> lines, JsonSerializerOptions options, Dashboard.LiveMetrics metrics) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = "application/x-ndjson";
            httpContext.Response.Headers.CacheControl = "no-cache";
            metrics.StreamOpened();
            try
            {
                await foreach (var line in lines.WithCancellation(httpContext.RequestAborted))
                {
                    await JsonSerializer.SerializeAsync(httpContext.Response.Body, line, options, httpContext.RequestAborted);
                    await httpContext.Response.Body.WriteAsync("\n"u8.ToArray(), httpContext.RequestAborted);
                    await httpContext.Response.Body.FlushAsync(httpContext.RequestAborted);
                }
            }
            catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
            {
                // The client went away: its last cursor tells it where to resume.
            }
            finally
            {
                metrics.StreamClosed();
            }
        }
    }
}
