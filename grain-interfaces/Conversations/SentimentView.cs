namespace CraftCX.Conversations;

/// <summary>Customer sentiment from -1 (very negative) to +1 (very positive).</summary>
/// <param name="Trend">improving, stable or declining: the current value against the first.</param>
[GenerateSerializer, Immutable, Alias("craftcx.sentiment-view.v1")]
public sealed record SentimentView(
    [property: Id(0)] double? Current,
    [property: Id(1)] double? Initial,
    [property: Id(2)] double? Lowest,
    [property: Id(3)] string Trend,
    [property: Id(4)] int CustomerMessages);
