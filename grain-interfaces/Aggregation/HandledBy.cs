namespace CraftCX.Aggregation;

/// <summary>Who answered the customer in a conversation: only humans, only bots, or both.</summary>
[GenerateSerializer]
public enum HandledBy
{
    None = 0,
    Human = 1,
    Bot = 2,
    Hybrid = 3,
}
