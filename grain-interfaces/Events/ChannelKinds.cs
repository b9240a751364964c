namespace CraftCX.Events;

/// <summary>
/// The fixed channel kinds a helpdesk's own channel names fold into: each kind is answered on its own clock, and
/// peer segments name only these.
/// </summary>
public static class ChannelKinds
{
    public const string Chat = "chat";
    public const string Messaging = "messaging";
    public const string Email = "email";
    public const string Social = "social";
    public const string Voice = "voice";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = [Chat, Messaging, Email, Social, Voice, Other];

    /// <summary>The kind of a channel as events name it (case and '_' or '-' do not matter); unknown names are "other".</summary>
    public static string Of(string? channel) => channel?.ToLowerInvariant().Replace('_', '-') switch
    {
        "chat" or "web-chat" or "webchat" or "live-chat" or "chat-transcript" => Chat,
        "messaging" or "native-messaging" or "whatsapp" or "sms" or "messenger" or "line" or "wechat" or "telegram" or "apple-messages" or "instagram-dm" or "facebook-messenger" => Messaging,
        "email" or "e-mail" or "mail" => Email,
        "social" or "twitter" or "x" or "facebook" or "instagram" => Social,
        "voice" or "phone" or "call" => Voice,
        _ => Other,
    };
}
