namespace CraftCX.Silo.Demo;

/// <summary>One conversation of the Action-Based Conversations Dataset (ASAPP, MIT licence): customer details, intent and turns.</summary>
/// <param name="Turns">Speaker ("agent", "customer" or "action") and text, in order.</param>
internal sealed record AbcdConversation(
    int Id,
    string CustomerName,
    string? Email,
    string? Phone,
    string? Username,
    string Flow,
    string Subflow,
    IReadOnlyList<(string Speaker, string Text)> Turns);
