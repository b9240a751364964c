using CraftCX.Aggregation;
using CraftCX.Assessments;
using CraftCX.Conversations;
using CraftCX.Encryption;
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
        services.AddOptions<ConversationOptions>().Bind(configuration.GetSection(ConversationOptions.Section));
        services.AddOptions<ScoringOptions>().Bind(configuration.GetSection(ScoringOptions.Section));
        services.AddOptions<AggregationOptions>()
            .Bind(configuration.GetSection(AggregationOptions.Section))
            .Validate(o => o.MaxCopyAge > TimeSpan.Zero && o.MaxClockSkew >= TimeSpan.Zero, "Aggregation:MaxCopyAge must be positive and Aggregation:MaxClockSkew not negative.")
            .Validate(o => o.HistoryFlushInterval > TimeSpan.Zero && o.HistorySweepInterval >= TimeSpan.FromMinutes(1), "Aggregation:HistoryFlushInterval must be positive and Aggregation:HistorySweepInterval at least one minute.")
            .Validate(o => 2 * (o.MaxCopyAge + o.MaxClockSkew) <= AggregationOptions.ReleaseGrace, "Aggregation:MaxCopyAge plus Aggregation:MaxClockSkew must be at most 30 seconds (half the minute an aggregate recognises a release).")
            .ValidateOnStart();
        services.AddSingleton<SiloStopping>();
        services.TryAddSingleton<AggregationMetrics>();
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
        services.AddOptions<ReviewOptions>().Bind(configuration.GetSection(ReviewOptions.Section));
        services.AddOptions<RetentionOptions>()
            .Bind(configuration.GetSection(RetentionOptions.Section))
            .Validate(o => o.SweepInterval >= TimeSpan.FromMinutes(1), "Retention:SweepInterval must be at least one minute (Orleans' shortest reminder period).")
            .Validate(o => o.SweepConcurrency is >= 1 and <= 256, "Retention:SweepConcurrency must be from 1 to 256.")
            .Validate(o => o.BucketWriteInterval >= TimeSpan.Zero, "Retention:BucketWriteInterval cannot be negative.")
            .Validate(o => o.ReplayWindow >= TimeSpan.Zero, "Retention:ReplayWindow cannot be negative (set it to the input topic's retention).")
            .ValidateOnStart();
        services.AddOptions<PeerBenchmarks.PeerBenchmarkOptions>()
            .Bind(configuration.GetSection(PeerBenchmarks.PeerBenchmarkOptions.Section))
            .Validate(o => o.MinimumTenants >= 2 && o.MinimumConversations >= 1 && o.MaxTenantShare is > 0 and < 1 && o.PeriodDays is >= 1 and <= 365, "PeerBenchmarks:MinimumTenants must be at least 2, PeerBenchmarks:MinimumConversations at least 1, PeerBenchmarks:MaxTenantShare between 0 and 1, and PeerBenchmarks:PeriodDays from 1 to 365.")
            .Validate(o => o.PublishInterval >= TimeSpan.FromMinutes(1), "PeerBenchmarks:PublishInterval must be at least one minute (Orleans' shortest reminder period).")
            .ValidateOnStart();
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
