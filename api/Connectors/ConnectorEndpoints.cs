using CraftCX.Api.Audit;
using CraftCX.Api.Http;
using CraftCX.Api.Security;
using CraftCX.Api.Tenants;
using CraftCX.Connectors;
using CraftCX.Security;

namespace CraftCX.Api.Connectors;

/// <summary>/v1/tenants/{tenant}/connectors: a tenant's helpdesk connections, their secrets (shown once) and their delivery counters.</summary>
internal static class ConnectorEndpoints
{
    public static IEndpointRouteBuilder MapConnectors(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/tenants/{tenant}/connectors").RequireTenantScope(ApiScopes.Admin);

        group.MapPost("/", CreateAsync)
            .WithSettingsBodyLimit(endpoints)
            .Audited("connector.create")
            .WithName("CreateConnector")
            .WithSummary("Connect a helpdesk (zendesk, intercom or standard-webhooks): answers its webhook URL and, once, its secret (admin scope)")
            .Produces<CreatedConnectorResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/", async (string tenant, HttpRequest request, IGrainFactory grains) =>
                await TenantRouteChecks.ExistingTenantAsync(tenant, grains) is { } problem
                    ? problem
                    : TypedResults.Ok((await Connectors(grains, tenant).ListAsync()).Select(c => new ConnectorResponse(c, WebhookUrl(request, tenant, c.Id))).ToArray()))
            .WithName("ListConnectors")
            .WithSummary("The tenant's connectors with their counters and last error; never their secrets")
            .Produces<ConnectorResponse[]>();

        group.MapGet("/{id}", async (string tenant, string id, HttpRequest request, IGrainFactory grains) =>
                await ExistingAsync(tenant, id, grains) is { } problem
                    ? problem
                    : await Connectors(grains, tenant).GetAsync(id) is { } info ? TypedResults.Ok(new ConnectorResponse(info, WebhookUrl(request, tenant, id))) : NoSuch(id))
            .WithName("GetConnector")
            .WithSummary("One connector: settings, delivery counters (deliveries, events accepted, duplicates, ignored, dead-lettered, signatures refused) and last error")
            .Produces<ConnectorResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPatch("/{id}", async (string tenant, string id, ConnectorUpdate update, HttpRequest request, IGrainFactory grains) =>
            {
                if (await ExistingAsync(tenant, id, grains) is { } problem)
                {
                    return problem;
                }

                try
                {
                    return await Connectors(grains, tenant).UpdateAsync(id, update.Name, update.Mapping, update.Enabled) is { } info
                        ? TypedResults.Ok(new ConnectorResponse(info, WebhookUrl(request, tenant, id)))
                        : NoSuch(id);
                }
                catch (ArgumentException ex)
                {
                    return Problems.BadRequest("Invalid connector", ex.Message);
                }
            })
            .WithSettingsBodyLimit(endpoints)
            .Audited("connector.update")
            .WithName("UpdateConnector")
            .WithSummary("Change a connector's name, mapping or enabled flag (admin scope)")
            .Produces<ConnectorResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id}/secret", async (string tenant, string id, ConnectorSecretRequest? body, HttpRequest request, IGrainFactory grains) =>
            {
                if (await ExistingAsync(tenant, id, grains) is { } problem)
                {
                    return problem;
                }

                try
                {
                    return await Connectors(grains, tenant).SetSecretAsync(id, body?.Secret) is { } created
                        ? TypedResults.Ok(new CreatedConnectorResponse(created.Info, created.Secret, WebhookUrl(request, tenant, id)))
                        : NoSuch(id);
                }
                catch (ArgumentException ex)
                {
                    return Problems.BadRequest("Invalid secret", ex.Message);
                }
            })
            .WithSettingsBodyLimit(endpoints)
            .Audited("connector.secret")
            .WithName("SetConnectorSecret")
            .WithSummary("Give a connector a new signing secret (sent, or made for standard-webhooks); the old one stops working at once")
            .Produces<CreatedConnectorResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{id}", async (string tenant, string id, IGrainFactory grains) =>
                await ExistingAsync(tenant, id, grains) is { } problem
                    ? problem
                    : await Connectors(grains, tenant).DeleteAsync(id) ? TypedResults.NoContent() : NoSuch(id))
            .Audited("connector.delete")
            .WithName("DeleteConnector")
            .WithSummary("Disconnect a helpdesk: its webhook URL answers 404 from now on")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(string tenant, ConnectorSpec spec, HttpRequest request, IGrainFactory grains)
    {
        if (await TenantRouteChecks.ExistingTenantAsync(tenant, grains) is { } problem)
        {
            return problem;
        }

        try
        {
            var created = await Connectors(grains, tenant).CreateAsync(spec);
            var url = WebhookUrl(request, tenant, created.Info.Id);
            return TypedResults.Created(url, new CreatedConnectorResponse(created.Info, created.Secret, url));
        }
        catch (ArgumentException ex)
        {
            return Problems.BadRequest("Invalid connector", ex.Message);
        }
    }

    internal static async Task<IResult?> ExistingAsync(string tenant, string id, IGrainFactory grains) =>
        await TenantRouteChecks.ExistingTenantAsync(tenant, grains) ?? (ConnectorIds.IsWellFormed(id) ? null : NoSuch(id));

    internal static IResult NoSuch(string id) => Problems.NotFound($"The tenant has no connector '{(ConnectorIds.IsWellFormed(id) ? id : "…")}'.");

    internal static IConnectorsGrain Connectors(IGrainFactory grains, string tenant) => grains.GetGrain<IConnectorsGrain>(ConnectorKeys.Of(tenant));

    public static string WebhookUrl(HttpRequest request, string tenant, string id) => $"{request.Scheme}://{request.Host}{WebhookEndpoints.PathOf(tenant, id)}";
}
