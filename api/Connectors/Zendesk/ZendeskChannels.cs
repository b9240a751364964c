using CraftCX.Events;

namespace CraftCX.Api.Connectors.Zendesk;

/// <summary>
/// Zendesk's via channel (event webhooks use via-type names such as mail and web_service, the REST API "created by"
/// names such as email and web) as a contract channel name; a ticket of no known channel is email, Zendesk's own default.
/// </summary>
internal static class ZendeskChannels
{
    public static string Of(string? via, string? fallback) => via?.ToLowerInvariant() switch
    {
        "mail" or "email" => ChannelKinds.Email,
        "chat" or "chat_transcript" => ChannelKinds.Chat,
        "native_messaging" or "sms" or "text_message" or "whatsapp" or "line" or "wechat" or "instagram_dm"
            or "facebook_message" or "sunshine_conversations_facebook_messenger" or "mobile_sdk" or "any_channel" => ChannelKinds.Messaging,
        "twitter" or "twitter_dm" or "twitter_favorite" or "sunshine_conversations_twitter_dm" or "facebook" or "facebook_post" => ChannelKinds.Social,
        "voice" or "voicemail" or "phone_call_inbound" or "phone_call_outbound" => ChannelKinds.Voice,
        _ => fallback ?? ChannelKinds.Email,
    };
}
