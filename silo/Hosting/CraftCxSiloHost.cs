using System.Net;
using CraftCX.Api;
using Orleans.Configuration;

namespace CraftCX.Silo.Hosting;

/// <summary>Builds the whole CraftCX process: Orleans silo, ingestion, demo and the HTTP API on one host.</summary>
public static class CraftCxSiloHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var configuration = builder.Configuration;
        var orleans = configuration.GetSection(OrleansOptions.Section).Get<OrleansOptions>() ?? new OrleansOptions();

        builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60));
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId);
            silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Loopback);
            silo.AddCraftCxStorage();
        });

        // Registered after the silo so that they start after it and stop before it.
        builder.Services.AddCraftCxGrainServices(configuration);
        builder.Services.AddCraftCxIngestion(configuration);
        builder.Services.AddCraftCxDemo(configuration);
        builder.Services.AddCraftCxApi(configuration);

        var app = builder.Build();
        app.UseCraftCxApi();
        return app;
    }
}
