using CraftCX.Aggregation;
using CraftCX.Api.Configuration;
using CraftCX.Assessments;
using CraftCX.Conversations;
using CraftCX.Encryption;
using CraftCX.PeerBenchmarks;
using CraftCX.Privacy;
using CraftCX.Privacy.EndUsers;
using CraftCX.Reviews;
using CraftCX.ScoreChanges;
using CraftCX.Scoring;
using CraftCX.Tenants;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace CraftCX.Silo.Hosting;

/// <summary>What the grains need in every host (the executable, the tests' clusters, the benchmark).</summary>
internal static class GrainServices
{
    /// <summary>Scorer, scorecard cache, options, clock, AI dispatcher, storage serializer.</summary>
    public static IServiceCollection AddCraftCXGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ConversationOptions>().Bind(configuration.GetSection(ConversationOptions.Section))
            .ValidateAnnotationsOnStart<ConversationOptions, ConversationOptionsValidator>(ConversationOptions.Section);
        services.AddOptions<ScoringOptions>().Bind(configuration.GetSection(ScoringOptions.Section))
            .ValidateAnnotationsOnStart<ScoringOptions, ScoringOptionsValidator>(ScoringOptions.Section);
        services.AddOptions<AggregationOptions>()
            .Bind(configuration.GetSection(AggregationOptions.Section))
            .Validate(o => 2 * (o.MaxCopyAge + o.MaxClockSkew) <= AggregationOptions.ReleaseGrace, "Aggregation:MaxCopyAge plus Aggregation:MaxClockSkew must be at most 30 seconds (half the minute an aggregate recognises a release).")
            .ValidateAnnotationsOnStart<AggregationOptions, AggregationOptionsValidator>(AggregationOptions.Section);
        services.AllowRemindersEvery<AggregationOptions>(o => o.HistorySweepInterval);
        services.AddSingleton<SiloStopping>();
        services.TryAddSingleton<AggregationMetrics>();
        services.TryAddSingleton<ContributionPacker>();
        services.TryAddSingleton<AggregationTracing>();
        services.TryAddSingleton<AiMetrics>();
        services.TryAddSingleton<RetentionMetrics>();
        services.AddSingleton<TenantLifecycleCache>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloStopping>());

        // Conversations hand their AI requests to it; it only runs them when the assessor is configured.
        services.AddSingleton<AssessmentRunner>();
        services.AddSingleton(sp => new AssessmentDispatcher(
            conversation => sp.GetRequiredService<AssessmentRunner>().RunAsync(conversation),
            sp.GetRequiredService<IOptions<AiOptions>>().Value.MaxConcurrency,
            sp.GetRequiredService<SiloStopping>().Token,
            sp.GetRequiredService<ILogger<AssessmentDispatcher>>()));
        services.AddOptions<ReviewOptions>().Bind(configuration.GetSection(ReviewOptions.Section))
            .ValidateAnnotationsOnStart<ReviewOptions, ReviewOptionsValidator>(ReviewOptions.Section);

        // Orleans' shortest reminder period is a minute, hence the floors of the sweep and publish intervals.
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section))
            .ValidateAnnotationsOnStart<RetentionOptions, RetentionOptionsValidator>(RetentionOptions.Section);
        services.AddOptions<PeerBenchmarkOptions>().Bind(configuration.GetSection(PeerBenchmarkOptions.Section))
            .ValidateAnnotationsOnStart<PeerBenchmarkOptions, PeerBenchmarkOptionsValidator>(PeerBenchmarkOptions.Section);
        services.AddCraftCXEndUserIndex(configuration);
        services.AddCraftCXEncryption(configuration);
        services.AddCraftCXTenantLifecycle();
        services.AddSingleton(_ => RuleScorer.CreateDefault());
        services.AddSingleton<ScorecardCache>();
        services.TryAddSingleton<IScoreChangeLog, NoScoreChangeLog>();

        // Orleans' own versioned binary format with [Id]/[Alias] attributes instead of the default
        // Newtonsoft JSON with .NET type names: faster, and renaming a state class keeps its rows readable.
        services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        return services;
    }
}
