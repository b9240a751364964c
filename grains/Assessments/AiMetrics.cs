using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace CraftCX.Assessments;

/// <summary>AI assessments per tenant ("CraftCX.Ai"): calls by outcome, the tokens they spent, and what those cost.</summary>
public sealed class AiMetrics
{
    public const string MeterName = "CraftCX.Ai";

    private readonly AiOptions _options;
    private readonly Counter<long> _assessments;
    private readonly Counter<long> _tokens;
    private readonly Counter<double> _spend;

    public AiMetrics(IMeterFactory meterFactory, IOptions<AiOptions> options)
    {
        _options = options.Value;
        var meter = meterFactory.Create(MeterName);
        _assessments = meter.CreateCounter<long>("craftcx.ai.assessments", unit: "{assessment}", description: "AI assessments by tenant and outcome (succeeded, failed, waiting, skipped)");
        _tokens = meter.CreateCounter<long>("craftcx.ai.tokens", unit: "{token}", description: "Tokens spent on AI assessments, by tenant and kind (input, output)");
        _spend = meter.CreateCounter<double>("craftcx.ai.spend", unit: _options.PriceCurrency, description: "What AI assessments cost at Ai:InputTokenPricePerMillion and Ai:OutputTokenPricePerMillion, by tenant");
    }

    internal void Assessed(string tenant, string outcome) =>
        _assessments.Add(1, new KeyValuePair<string, object?>("tenant", tenant), new KeyValuePair<string, object?>("outcome", outcome));

    internal void Spent(string tenant, long input, long output)
    {
        _tokens.Add(input, new KeyValuePair<string, object?>("tenant", tenant), new KeyValuePair<string, object?>("kind", "input"));
        _tokens.Add(output, new KeyValuePair<string, object?>("tenant", tenant), new KeyValuePair<string, object?>("kind", "output"));
        if (_options.Priced)
        {
            _spend.Add(_options.SpendOf(input, output), new KeyValuePair<string, object?>("tenant", tenant));
        }
    }
}
