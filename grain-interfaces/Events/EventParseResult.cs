namespace CraftCX.Events;

/// <summary>Either a valid event or the reason it was rejected.</summary>
public readonly record struct EventParseResult(ChatEvent? Event, EventRejection? Rejection)
{
    public bool IsValid => Event is not null;

    public static EventParseResult Valid(ChatEvent chatEvent) => new(chatEvent, null);

    public static EventParseResult Invalid(string code, string detail) => new(null, new EventRejection(code, detail));
}
