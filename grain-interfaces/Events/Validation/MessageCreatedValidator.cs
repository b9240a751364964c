using System.Text;
using CraftCX.Events.Json;
using static CraftCX.Events.Validation.FieldRejections;

namespace CraftCX.Events.Validation;

/// <summary>message.created: message id, author, text within its size limit, channel.</summary>
internal static class MessageCreatedValidator
{
    internal static EventParseResult Validate(ChatEvent e, ChatEventDataDto? data)
    {
        if (data?.MessageId is null) { return Missing("data.messageId"); }
        if (!IdRules.IsValidId(data.MessageId)) { return BadId("data.messageId", data.MessageId); }
        if (data.Author is null) { return Missing("data.author"); }
        var author = Participants.Read(data.Author, "data.author", requireIdFor: [AuthorRole.Agent, AuthorRole.Bot], out var authorError);
        if (authorError is not null) { return authorError.Value; }
        if (data.Text is null) { return Missing("data.text"); }

        var textBytes = Encoding.UTF8.GetByteCount(data.Text);
        if (textBytes > EventLimits.MaxTextBytes)
        {
            return EventParseResult.Invalid(
                RejectionCodes.TextTooLarge,
                $"data.text has {textBytes} UTF-8 bytes; the limit is {EventLimits.MaxTextBytes}.");
        }

        if (Channel(data.Channel) is { } channelError) { return channelError; }

        return EventParseResult.Valid(e with
        {
            MessageId = data.MessageId,
            Author = author,
            Text = data.Text,
            Channel = data.Channel,
            Internal = data.Internal ?? false,
        });
    }
}
