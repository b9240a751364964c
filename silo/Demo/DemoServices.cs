using CraftCX.Api.Configuration;
using CraftCX.Api.Security;

namespace CraftCX.Silo.Demo;

/// <summary>The embedded default's demo: its traffic and its tenant's key (Development only, see appsettings.Development.json).</summary>
internal static class DemoServices
{
    /// <summary>The demo producer, when enabled (section "Demo"), and the demo tenant's key (Auth:DemoTenant).</summary>
    public static IServiceCollection AddCraftCXDemo(this IServiceCollection services, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(configuration["Auth:DemoTenant"]))
        {
            // A demo without a configured operator key gets a random one for this run, shown once in the log.
            var generated = new GeneratedOperatorKey();
            services.AddSingleton(generated);
            services.PostConfigure<AuthOptions>(o => o.OperatorKey = generated.Resolve(o.OperatorKey));
            services.AddHostedService<DemoAccessBootstrapper>();
        }

        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.Section))
            .ValidateAnnotationsOnStart<DemoOptions, DemoOptionsValidator>(DemoOptions.Section);
        if (configuration.GetSection(DemoOptions.Section).GetValue(nameof(DemoOptions.Enabled), false))
        {
            services.AddHostedService<DemoProducer>();
        }

        return services;
    }
}
