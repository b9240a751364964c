using Azure.AI.OpenAI;
using Azure.Identity;
using CraftCX.Api.Configuration;
using CraftCX.Assessments;
using CraftCX.Silo.Hosting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using System.ClientModel;
using System.ClientModel.Primitives;

namespace CraftCX.Silo.Assessments;

/// <summary>Registers the AI assessor: Azure OpenAI behind IChatClient when "Ai" names an endpoint and a deployment.</summary>
internal static class AssessmentServices
{
    public static IServiceCollection AddCraftCXAssessments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AiOptions>()
            .Bind(configuration.GetSection(AiOptions.Section))
            .ValidateAnnotationsOnStart<AiOptions, AiOptionsValidator>(AiOptions.Section);
        var ai = configuration.GetSection(AiOptions.Section).Get<AiOptions>() ?? new AiOptions();

        services.AllowRemindersEvery<AiOptions>(o => o.ReminderPeriod);
        if (!ai.Enabled)
        {
            services.AddSingleton<IAiAssessor, DisabledAiAssessor>();
            return services;
        }

        services.AddSingleton(sp => CreateChatClient(sp.GetRequiredService<IOptions<AiOptions>>().Value, sp));
        services.AddSingleton<IAiAssessor, ChatClientAiAssessor>();
        return services;
    }

    private static IChatClient CreateChatClient(AiOptions ai, IServiceProvider services)
    {
        var clientOptions = string.IsNullOrWhiteSpace(ai.ApiVersion)
            ? new AzureOpenAIClientOptions()
            : new AzureOpenAIClientOptions(ParseVersion(ai.ApiVersion));
        clientOptions.RetryPolicy = new ClientRetryPolicy(ai.MaxRetries);
        // The assessor's own timeout (around every try and retry) decides; this only stops a try that hangs forever.
        clientOptions.NetworkTimeout = ai.CallTimeout + TimeSpan.FromMinutes(1);
        var endpoint = new Uri(ai.Endpoint!);
        var client = string.IsNullOrWhiteSpace(ai.ApiKey)
            ? new AzureOpenAIClient(endpoint, new DefaultAzureCredential(), clientOptions)
            : new AzureOpenAIClient(endpoint, new ApiKeyCredential(ai.ApiKey), clientOptions);
        // gen_ai spans and token/duration meters; sensitive data stays off, since prompts hold (redacted) transcripts.
        return client.GetChatClient(ai.Deployment).AsIChatClient()
            .AsBuilder()
            .UseOpenTelemetry(configure: telemetry => telemetry.EnableSensitiveData = false)
            .Build(services);
    }

    // "2024-10-21" → ServiceVersion.V2024_10_21: the versions this client library knows.
    private static AzureOpenAIClientOptions.ServiceVersion ParseVersion(string apiVersion) =>
        Enum.TryParse<AzureOpenAIClientOptions.ServiceVersion>("V" + apiVersion.Replace('-', '_'), ignoreCase: true, out var version)
            ? version
            : throw new InvalidOperationException(
                $"Ai:ApiVersion '{apiVersion}' is not one the Azure.AI.OpenAI client knows: {string.Join(", ", Enum.GetNames<AzureOpenAIClientOptions.ServiceVersion>().Select(n => n[1..].Replace('_', '-')))}.");
}
