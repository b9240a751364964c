namespace CraftCX.Aggregation;

/// <summary>Rolling scores of one human agent or bot; key tenant/agent.</summary>
[Alias("craftcx.IAgentGrain")]
public interface IAgentGrain : IScoreAggregateGrain, IGrainWithStringKey;
