namespace CraftCX.Events;

/// <summary>Who wrote a message or takes part in a conversation.</summary>
[GenerateSerializer]
public enum AuthorRole
{
    Customer = 1,
    Agent = 2,
    Bot = 3,
    System = 4,
}
