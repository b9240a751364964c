using System.Text;
using System.Text.Json;
using CraftCX.Events.Json;
using CraftCX.Events.Validation;
using static CraftCX.Events.Validation.FieldRejections;

namespace CraftCX.Events;

/// <summary>Parses and validates contract v1 events; every entry point (Kafka, HTTP) goes through here.</summary>
public sealed class ChatEventParser(EventContractOptions options, TimeProvider time)
{
    public ChatEventParser()
        : this(new EventContractOptions(), TimeProvider.System)
    {
    }

    /// <summary>Parses one UTF-8 JSON event; <paramref name="expectedKey"/> is the Kafka key when there is one.</summary>
    public EventParseResult Parse(ReadOnlySpan<byte> utf8Json, string? expectedKey = null)
    {
        if (utf8Json.Length > options.MaxEventBytes)
        {
            return EventParseResult.Invalid(
                RejectionCodes.EventTooLarge,
                $"The event has {utf8Json.Length} bytes; the limit is {options.MaxEventBytes}.");
        }

        if (utf8Json.IsEmpty)
        {
            return EventParseResult.Invalid(RejectionCodes.MalformedJson, "The message is empty.");
        }

        ChatEventDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(utf8Json, ChatEventJsonContext.Default.ChatEventDto);
        }
        catch (JsonException ex)
        {
            return EventParseResult.Invalid(RejectionCodes.MalformedJson, DescribeJsonError(ex));
        }

        return dto is null
            ? EventParseResult.Invalid(RejectionCodes.MalformedJson, "The message is JSON null, not an event object.")
            : Validate(dto, expectedKey);
    }

    /// <summary>Validates an already deserialised event.</summary>
    public EventParseResult Validate(ChatEventDto dto, string? expectedKey = null)
    {
        if (dto.Id is null) { return Missing("id"); }
        if (!IdRules.IsValidId(dto.Id)) { return BadId("id", dto.Id); }
        if (dto.Type is null) { return Missing("type"); }
        if (!ChatEventTypeNames.TryParse(dto.Type, out var type))
        {
            return EventParseResult.Invalid(
                RejectionCodes.UnknownType,
                $"Unknown event type '{Truncate(dto.Type)}'; expected one of {string.Join(", ", ChatEventTypeNames.All)}.");
        }

        if (dto.Version is null) { return Missing("version"); }
        if (dto.Version != 1)
        {
            return EventParseResult.Invalid(RejectionCodes.UnsupportedVersion, $"Contract version {dto.Version} is not supported; this service reads version 1.");
        }

        if (dto.Tenant is null) { return Missing("tenant"); }
        if (!IdRules.IsValidScope(dto.Tenant)) { return BadScope("tenant", dto.Tenant); }
        if (dto.Workspace is null) { return Missing("workspace"); }
        if (!IdRules.IsValidScope(dto.Workspace)) { return BadScope("workspace", dto.Workspace); }
        if (dto.Conversation is null) { return Missing("conversation"); }
        if (!IdRules.IsValidId(dto.Conversation)) { return BadId("conversation", dto.Conversation); }
        if (dto.OccurredAt is not { } occurredAt) { return Missing("occurredAt"); }

        var latest = time.GetUtcNow() + options.MaxClockSkew;
        if (occurredAt < EventLimits.EarliestTimestamp || occurredAt > latest)
        {
            return EventParseResult.Invalid(
                RejectionCodes.TimestampOutOfRange,
                $"occurredAt {occurredAt:O} is outside {EventLimits.EarliestTimestamp:yyyy-MM-dd} .. now + {options.MaxClockSkew.TotalMinutes:0} min.");
        }

        if (dto.Sequence is not { } sequence) { return Missing("sequence"); }
        if (sequence < 0) { return Invalid("sequence", "must be zero or positive"); }

        var key = GrainKeys.Compose(dto.Tenant, dto.Conversation);
        if (expectedKey is not null && !string.Equals(expectedKey, key, StringComparison.Ordinal))
        {
            return EventParseResult.Invalid(
                RejectionCodes.KeyMismatch,
                $"The message key '{Truncate(expectedKey)}' differs from tenant/conversation '{key}'; events of one conversation must share one key to stay ordered.");
        }

        var chatEvent = new ChatEvent(dto.Id, type, dto.Tenant, dto.Workspace, dto.Conversation, occurredAt.ToUniversalTime(), sequence);
        var data = dto.Data;
        return type switch
        {
            ChatEventType.MessageCreated => MessageCreatedValidator.Validate(chatEvent, data),
            ChatEventType.ConversationStarted => ConversationStartedValidator.Validate(chatEvent, data),
            ChatEventType.AgentAssigned => AgentAssignedValidator.Validate(chatEvent, data),
            ChatEventType.ConversationHandoff => HandoffValidator.Validate(chatEvent, data),
            ChatEventType.ConversationTagged => TaggedValidator.Validate(chatEvent, data),
            ChatEventType.CsatReceived => CsatValidator.Validate(chatEvent, data),
            ChatEventType.ConversationClosed => ClosedValidator.Validate(chatEvent, data),
            ChatEventType.ConversationReopened => Reason(chatEvent, data) ?? EventParseResult.Valid(chatEvent with { Reason = data?.Reason }),
            _ => EventParseResult.Invalid(RejectionCodes.UnknownType, $"Unhandled type {type}."),
        };
    }

    private static string DescribeJsonError(JsonException ex)
    {
        // The path and position tell a producer where its JSON went wrong; the inner message alone does not.
        var where = ex.Path is { Length: > 0 } path ? $" at {path}" : string.Empty;
        var line = ex.LineNumber is { } l ? $" (line {l + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        return $"{message}{where}{line}";
    }

}
