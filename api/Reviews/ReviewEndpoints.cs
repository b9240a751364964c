using System.Security.Claims;
using CraftCX.Api.Audit;
using CraftCX.Api.Http;
using CraftCX.Api.Security;
using CraftCX.Calibration;
using CraftCX.Reviews;
using CraftCX.Security;
using Microsoft.AspNetCore.Mvc;

namespace CraftCX.Api.Reviews;

/// <summary>Human reviews of conversations, agents' disputes of them, and each workspace's calibration.</summary>
internal static class ReviewEndpoints
{
    private const string IdempotencyHeader = "Idempotency-Key";
    private const int MaxIdempotencyKeyLength = 128;

    public static IEndpointRouteBuilder MapReviews(this IEndpointRouteBuilder endpoints)
    {
        var conversation = endpoints.MapGroup("/v1/tenants/{tenant}/conversations/{conversation}/reviews").WithTags("Reviews").WithSettingsBodyLimit(endpoints);

        conversation.MapPost("/", async (string tenant, string conversation, ReviewSubmission? review, [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey, ClaimsPrincipal user, IGrainFactory grains) =>
                CheckIds(tenant, conversation)
                ?? (idempotencyKey is { Length: 0 or > MaxIdempotencyKeyLength }
                    ? Problems.BadRequest("Invalid request", $"{IdempotencyHeader}: 1–{MaxIdempotencyKeyLength} characters when sent")
                    : ToResult(await Reviews(grains, tenant, conversation).SubmitAsync(review!, user.FindFirstValue(CraftCXClaims.KeyId), idempotencyKey), tenant, conversation, created: true)))
            .RequireTenantScope(ApiScopes.Supervise)
            .Audited("review.submit")
            .WithName("SubmitReview")
            .WithSummary("A reviewer's scores (0–100) for some or all of the scorecard's criteria, with comments (supervise scope); a conversation may have several reviews. With an Idempotency-Key header, a retry returns the review made the first time (200) instead of adding one")
            .Produces<ConversationReview>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        conversation.MapGet("/", async (string tenant, string conversation, IGrainFactory grains) =>
                CheckIds(tenant, conversation)
                ?? (await Reviews(grains, tenant, conversation).GetAsync() is { } view ? TypedResults.Ok(view) : Problems.NotFound($"Conversation '{conversation}' was not found.")))
            .RequireTenantScope(ApiScopes.Read)
            .WithName("GetReviews")
            .WithSummary("The conversation's reviews and disputes, with the rule scorer's and the AI's scores to compare")
            .Produces<ConversationReviewsView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        conversation.MapGet("/{review}", async (string tenant, string conversation, string review, IGrainFactory grains) =>
                CheckIds(tenant, conversation) ?? RouteIds.CheckId("review", review)
                ?? (await Reviews(grains, tenant, conversation).GetAsync() is not { } view ? Problems.NotFound($"Conversation '{conversation}' was not found.")
                    : view.Reviews.FirstOrDefault(r => r.ReviewId == review) is { } found ? TypedResults.Ok(found)
                    : Problems.NotFound($"Review '{review}' of conversation '{conversation}' was not found.")))
            .RequireTenantScope(ApiScopes.Read)
            .WithName("GetReview")
            .WithSummary("One review with its dispute, if any")
            .Produces<ConversationReview>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        conversation.MapPost("/{review}/dispute", async (string tenant, string conversation, string review, DisputeSubmission? dispute, ClaimsPrincipal user, IGrainFactory grains) =>
                CheckIds(tenant, conversation) ?? RouteIds.CheckId("review", review)
                ?? (AsAgent(user, dispute) is not { } bound ? Problems.Forbidden(NotAgentKey(user, dispute))
                    : ToResult(await Reviews(grains, tenant, conversation).DisputeAsync(review, bound, user.FindFirstValue(CraftCXClaims.KeyId)), tenant, conversation, created: false)))
            .RequireTenantScope(ApiScopes.Read)
            .Audited("review.dispute")
            .WithName("DisputeReview")
            .WithSummary("An agent who handled the conversation disputes a review with their own key (read scope, a key created with an agent id: the agent comes from the key); one dispute per review")
            .Produces<ConversationReview>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        conversation.MapPost("/{review}/dispute/decision", async (string tenant, string conversation, string review, DisputeDecision? decision, ClaimsPrincipal user, IGrainFactory grains) =>
                CheckIds(tenant, conversation) ?? RouteIds.CheckId("review", review)
                ?? ToResult(await Reviews(grains, tenant, conversation).DecideDisputeAsync(review, decision!, user.FindFirstValue(CraftCXClaims.KeyId)), tenant, conversation, created: false))
            .RequireTenantScope(ApiScopes.Supervise)
            .Audited("review.decide")
            .WithName("DecideDispute")
            .WithSummary("A supervisor decides an open dispute: accepted (the review no longer counts in calibration) or rejected (supervise scope)")
            .Produces<ConversationReview>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        endpoints.MapGet("/v1/tenants/{tenant}/workspaces/{workspace}/calibration", async (string tenant, string workspace, IGrainFactory grains) =>
                RouteIds.CheckTenant(tenant) ?? RouteIds.CheckScope("workspace", workspace)
                ?? TypedResults.Ok(await grains.GetGrain<ICalibrationGrain>(GrainKeys.Compose(tenant, workspace)).GetAsync()))
            .RequireTenantScope(ApiScopes.Read)
            .WithTags("Reviews")
            .WithName("GetCalibration")
            .WithSummary("Agreement per criterion between the AI and reviewers, the rule scorer and reviewers, and reviewers among themselves: mean absolute difference, share within ±10 points, Cohen's quadratic-weighted kappa on five score bands")
            .Produces<CalibrationView>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return endpoints;
    }

    private static IConversationReviewsGrain Reviews(IGrainFactory grains, string tenant, string conversation) =>
        grains.GetGrain<IConversationReviewsGrain>(GrainKeys.Compose(tenant, conversation));

    /// <summary>The dispute as filed by the key's own agent; null when the key is no agent's or names another agent.</summary>
    private static DisputeSubmission? AsAgent(ClaimsPrincipal user, DisputeSubmission? dispute)
    {
        var agent = user.FindFirstValue(CraftCXClaims.Agent);
        if (agent is null || (dispute?.AgentId is { Length: > 0 } named && named != agent))
        {
            return null;
        }

        return new DisputeSubmission(agent, dispute?.Reason!);
    }

    private static string NotAgentKey(ClaimsPrincipal user, DisputeSubmission? dispute) =>
        user.FindFirstValue(CraftCXClaims.Agent) is { } agent
            ? $"This key acts as agent '{agent}', not '{dispute?.AgentId}': an agent disputes with their own key."
            : "Disputes are filed by the agent with their own key (one created with an agent id); this key belongs to no agent.";

    private static IResult? CheckIds(string tenant, string conversation) =>
        RouteIds.CheckTenant(tenant) ?? RouteIds.CheckId("conversation", conversation);

    private static IResult ToResult(ReviewResult result, string tenant, string conversation, bool created)
    {
        var detail = string.Join("; ", result.Problems);
        return result.Kind switch
        {
            ReviewResultKind.Done when created && !result.Repeated => TypedResults.Created($"/v1/tenants/{tenant}/conversations/{conversation}/reviews/{result.Review!.ReviewId}", result.Review),
            ReviewResultKind.Done => TypedResults.Ok(result.Review),
            ReviewResultKind.Invalid => Problems.BadRequest("Invalid request", detail, new Dictionary<string, object?> { ["problems"] = result.Problems }),
            ReviewResultKind.Conflict => Problems.Conflict(detail),
            _ => Problems.NotFound(detail),
        };
    }
}
