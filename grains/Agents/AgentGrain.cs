using CraftCX.Aggregation;
using Microsoft.Extensions.Logging;

namespace CraftCX.Agents;

/// <summary>Rolling scores of one human agent or bot.</summary>
public sealed class AgentGrain(
    [PersistentState("agent", StorageNames.Aggregates)] IPersistentState<AggregateState> state,
    TimeProvider time,
    ILogger<AgentGrain> logger)
    : ScoreAggregateGrain(state, time, logger, AggregateLevel.Agent, trackAgents: false), IAgentGrain;
