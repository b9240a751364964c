using System.Diagnostics.Metrics;

namespace CraftCX.Assessments;

/// <summary>AI assessments per tenant ("CraftCX.Ai"): calls by outcome, and the tokens they spent (what is billed).</summary>
public sealed class AiMetrics
{
    public const string MeterName = "CraftCX.Ai";

    private readonly Counter<long> _assessments;
    private readonly Counter<long> _tokens;

    public AiMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _assessments = meter.CreateCounter<long>("craftcx.ai.assessments", unit: "{assessment}", description: "AI assessments by tenant and outcome (succeeded, failed, waiting, skipped)");
        _tokens = meter.CreateCounter<long>("craftcx.ai.tokens", unit: "{token}", description: "Tokens spent on AI assessments, by tenant and kind (input, output)");
    }

    internal void Assessed(string tenant, string outcome) =>
        _assessments.Add(1, new KeyValuePair<string, object?>("tenant", tenant), new KeyValuePair<string, object?>("outcome", outcome));

    internal void Spent(string tenant, long input, long output)
    {
        _tokens.Add(input, new KeyValuePair<string, object?>("tenant", tenant), new KeyValuePair<string, object?>("kind", "input"));
        _tokens.Add(output, new KeyValuePair<string, object?>("tenant", tenant), new KeyValuePair<string, object?>("kind", "output"));
    }
}
