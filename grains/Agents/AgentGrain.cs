using CraftCX.Aggregation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CraftCX.Agents;

/// <summary>Rolling scores of one human agent or bot.</summary>
internal sealed class AgentGrain(
    [PersistentState("agent", StorageNames.Aggregates)] IPersistentState<AggregateState> state,
    TimeProvider time,
    IOptions<AggregationOptions> options,
    ILogger<AgentGrain> logger)
    : ScoreAggregateGrain(state, time, options, logger, AggregateLevel.Agent, trackAgents: false), IAgentGrain;
