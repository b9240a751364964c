using CraftCX.Aggregation;
using CraftCX.Assessments;
using CraftCX.Conversations;
using CraftCX.PeerBenchmarks;
using CraftCX.Privacy;
using CraftCX.Reviews;
using CraftCX.Scoring;
using CraftCX.Silo.Ingestion;
using CraftCX.Silo.Kafka;
using CraftCX.Silo.LiveBroadcast;
using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Hosting;

// The ranges declared on each settings class, checked by code the options source generator writes at build time.
// Encryption and Privacy keep their own validators, which explain each limit.

/// <summary>Checks the ranges declared on <see cref="ConversationOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class ConversationOptionsValidator : IValidateOptions<ConversationOptions>;

/// <summary>Checks the ranges declared on <see cref="ScoringOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class ScoringOptionsValidator : IValidateOptions<ScoringOptions>;

/// <summary>Checks the ranges declared on <see cref="ReviewOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class ReviewOptionsValidator : IValidateOptions<ReviewOptions>;

/// <summary>Checks the ranges declared on <see cref="AiOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class AiOptionsValidator : IValidateOptions<AiOptions>;

/// <summary>Checks the ranges declared on <see cref="RetentionOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class RetentionOptionsValidator : IValidateOptions<RetentionOptions>;

/// <summary>Checks the ranges declared on <see cref="PeerBenchmarkOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class PeerBenchmarkOptionsValidator : IValidateOptions<PeerBenchmarkOptions>;

/// <summary>Checks the ranges declared on <see cref="AggregationOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class AggregationOptionsValidator : IValidateOptions<AggregationOptions>;

/// <summary>Checks the ranges declared on <see cref="IngestionOptions"/>, its contract and its import settings.</summary>
[OptionsValidator]
internal sealed partial class IngestionOptionsValidator : IValidateOptions<IngestionOptions>;

/// <summary>Checks the ranges declared on <see cref="KafkaOptions"/> and its embedded broker.</summary>
[OptionsValidator]
internal sealed partial class KafkaOptionsRangeValidator : IValidateOptions<KafkaOptions>;

/// <summary>Checks the identity and ports declared on <see cref="OrleansOptions"/>, read before the host is built.</summary>
[OptionsValidator]
internal sealed partial class OrleansOptionsValidator : IValidateOptions<OrleansOptions>;

/// <summary>Checks the provider and interval declared on <see cref="StreamingOptions"/>, read before the host is built.</summary>
[OptionsValidator]
internal sealed partial class StreamingOptionsValidator : IValidateOptions<StreamingOptions>;
