using CraftCX.Events;

namespace CraftCX.Api.Connectors.Intercom;

/// <summary>
/// The channel of an Intercom conversation's source (its <c>source.type</c>) as a contract channel: the Messenger is
/// chat, email is email, WhatsApp, SMS and Facebook Messenger are messaging, Twitter and Instagram social, calls voice.
/// </summary>
internal static class IntercomChannels
{
    public static string Of(string? sourceType, string? fallback) => sourceType?.ToLowerInvariant() switch
    {
        "conversation" or "chat" or "push" or "in_app" => ChannelKinds.Chat,
        "email" => ChannelKinds.Email,
        "whatsapp" or "sms" or "facebook" => ChannelKinds.Messaging,
        "twitter" or "instagram" => ChannelKinds.Social,
        "phone_call" or "phone_switch" or "call" => ChannelKinds.Voice,
        _ => fallback ?? ChannelKinds.Chat,
    };
}
