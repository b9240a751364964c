using System.Security.Claims;
using CraftCX.Aggregation;
using CraftCX.Api.Audit;
using CraftCX.Api.Http;
using CraftCX.Api.Security;
using CraftCX.Conversations;
using CraftCX.Scoring;
using CraftCX.Security;
using CraftCX.Tenants;

namespace CraftCX.Api.Reads;

/// <summary>Read endpoints for conversations, agents, workspaces and tenants.</summary>
internal static class ReadEndpoints
{
    public static IEndpointRouteBuilder MapReads(this IEndpointRouteBuilder endpoints)
    {
        var tenants = endpoints.MapGroup("/v1/tenants/{tenant}").RequireTenantScope(ApiScopes.Read);

        tenants.MapGet("/conversations/{conversation}", GetConversationAsync)
            .Audited("transcript.read", http => bool.TryParse(http.Request.Query["transcript"], out var transcript) && transcript)
            .WithName("GetConversation")
            .WithSummary("A conversation's rolling score, signals and (with ?transcript=true and the transcripts scope) its recent transcript")
            .Produces<ConversationSnapshot>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        tenants.MapGet("/agents/{agent}", GetAgentAsync)
            .WithName("GetAgent")
            .WithSummary("An agent's or bot's rolling aggregates over the last hour, day and week")
            .Produces<AggregateView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        tenants.MapGet("/workspaces/{workspace}", GetWorkspaceAsync)
            .WithName("GetWorkspace")
            .WithSummary("A workspace's rolling aggregates, histograms, leaderboard and human-vs-bot comparison")
            .Produces<AggregateView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        tenants.MapGet("/", GetTenantAsync)
            .WithName("GetTenant")
            .WithSummary("The tenant's rolling aggregates")
            .Produces<AggregateView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        tenants.MapGet("/scorecard", GetScorecardAsync)
            .WithName("GetScorecard")
            .WithSummary("The scorecard the tenant's conversations are scored with")
            .Produces<Scorecard>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        endpoints.MapPut("/v1/tenants/{tenant}/scorecard", PutScorecardAsync)
            .RequireTenantScope(ApiScopes.Admin)
            .WithSettingsBodyLimit(endpoints)
            .Audited("settings.scorecard.put")
            .WithName("PutScorecard")
            .WithSummary("Replace the tenant's scorecard (admin scope); silos use it within Scoring:ScorecardRefreshInterval")
            .Produces<Scorecard>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        return endpoints;
    }

    private static async Task<IResult> PutScorecardAsync(string tenant, Scorecard scorecard, IGrainFactory grains)
    {
        try
        {
            return TypedResults.Ok(await grains.GetGrain<ITenantGrain>(tenant).SetScorecardAsync(scorecard));
        }
        catch (ArgumentException ex)
        {
            return Problems.BadRequest("Invalid scorecard", ex.Message);
        }
    }

    private static async Task<IResult> GetConversationAsync(string tenant, string conversation, bool? transcript, ClaimsPrincipal user, IGrainFactory grains)
    {
        if ((RouteIds.CheckTenant(tenant) ?? RouteIds.CheckId("conversation", conversation)) is { } invalid)
        {
            return invalid;
        }

        if (transcript == true && !user.HasClaim(CraftCXClaims.Scope, ApiScopes.Transcripts))
        {
            return Problems.Forbidden($"The transcript is personal data: it needs a key with the '{ApiScopes.Transcripts}' scope. Scores, labels and signals need only '{ApiScopes.Read}'.");
        }

        var snapshot = await grains.GetGrain<IConversationGrain>(GrainKeys.Compose(tenant, conversation)).GetSnapshotAsync(transcript ?? false);
        return snapshot is null
            ? Problems.NotFound($"Tenant '{tenant}' has no conversation '{conversation}'.")
            : TypedResults.Ok(snapshot);
    }

    private static async Task<IResult> GetAgentAsync(string tenant, string agent, IGrainFactory grains)
    {
        if ((RouteIds.CheckTenant(tenant) ?? RouteIds.CheckId("agent", agent)) is { } invalid)
        {
            return invalid;
        }

        var view = await grains.GetGrain<IAgentGrain>(GrainKeys.Compose(tenant, agent)).GetViewAsync();
        return view is null
            ? Problems.NotFound($"Tenant '{tenant}' has no scored conversations for agent '{agent}'.")
            : TypedResults.Ok(view);
    }

    private static async Task<IResult> GetWorkspaceAsync(string tenant, string workspace, IGrainFactory grains)
    {
        if ((RouteIds.CheckTenant(tenant) ?? RouteIds.CheckScope("workspace", workspace)) is { } invalid)
        {
            return invalid;
        }

        var view = await grains.GetGrain<IWorkspaceGrain>(GrainKeys.Compose(tenant, workspace)).GetViewAsync();
        return view is null
            ? Problems.NotFound($"Tenant '{tenant}' has no scored conversations in workspace '{workspace}'.")
            : TypedResults.Ok(view);
    }

    private static async Task<IResult> GetTenantAsync(string tenant, IGrainFactory grains)
    {
        if (RouteIds.CheckTenant(tenant) is { } invalid)
        {
            return invalid;
        }

        var view = await grains.GetGrain<ITenantGrain>(tenant).GetViewAsync();
        return view is null ? Problems.NotFound($"Tenant '{tenant}' has no scored conversations.") : TypedResults.Ok(view);
    }

    private static async Task<IResult> GetScorecardAsync(string tenant, IGrainFactory grains)
    {
        if (RouteIds.CheckTenant(tenant) is { } invalid)
        {
            return invalid;
        }

        return TypedResults.Ok(await grains.GetGrain<ITenantGrain>(tenant).GetScorecardAsync());
    }
}
