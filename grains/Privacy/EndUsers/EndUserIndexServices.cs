using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CraftCX.Privacy.EndUsers;

/// <summary>Registers the end-user index: its options (section "Privacy", validated at start) and its key hasher.</summary>
public static class EndUserIndexServices
{
    public static IServiceCollection AddCraftCXEndUserIndex(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PrivacyOptions>, PrivacyOptionsValidator>();
        services.AddSingleton<EndUserKeys>();
        return services;
    }
}
