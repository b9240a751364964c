namespace CraftCX.Reviews;

/// <summary>How a review command ended; the API maps it to a status code.</summary>
[GenerateSerializer]
public enum ReviewResultKind
{
    Done = 0,
    ConversationNotFound = 1,
    ReviewNotFound = 2,
    Invalid = 3,
    Conflict = 4,
}
