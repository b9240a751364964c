using System.Text;
using System.Text.Json;
using CraftCX.Events.Json;

namespace CraftCX.Events;

/// <summary>Parses and validates contract v1 events; every entry point (Kafka, HTTP) goes through here.</summary>
public sealed class ChatEventParser(EventContractOptions options, TimeProvider time)
{
    private static readonly HashSet<string> Resolutions = new(StringComparer.Ordinal)
    {
        "resolved", "unresolved", "abandoned", "transferred",
    };

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
            ChatEventType.MessageCreated => ValidateMessage(chatEvent, data),
            ChatEventType.ConversationStarted => ValidateStarted(chatEvent, data),
            ChatEventType.AgentAssigned => ValidateAssigned(chatEvent, data),
            ChatEventType.ConversationHandoff => ValidateHandoff(chatEvent, data),
            ChatEventType.ConversationTagged => ValidateTagged(chatEvent, data),
            ChatEventType.CsatReceived => ValidateCsat(chatEvent, data),
            ChatEventType.ConversationClosed => ValidateClosed(chatEvent, data),
            ChatEventType.ConversationReopened => ValidateReason(chatEvent, data) ?? EventParseResult.Valid(chatEvent with { Reason = data?.Reason }),
            _ => EventParseResult.Invalid(RejectionCodes.UnknownType, $"Unhandled type {type}."),
        };
    }

    private static EventParseResult ValidateMessage(ChatEvent e, ChatEventDataDto? data)
    {
        if (data?.MessageId is null) { return Missing("data.messageId"); }
        if (!IdRules.IsValidId(data.MessageId)) { return BadId("data.messageId", data.MessageId); }
        if (data.Author is null) { return Missing("data.author"); }
        var author = ToParticipant(data.Author, "data.author", requireIdFor: [AuthorRole.Agent, AuthorRole.Bot], out var authorError);
        if (authorError is not null) { return authorError.Value; }
        if (data.Text is null) { return Missing("data.text"); }

        var textBytes = Encoding.UTF8.GetByteCount(data.Text);
        if (textBytes > EventLimits.MaxTextBytes)
        {
            return EventParseResult.Invalid(
                RejectionCodes.TextTooLarge,
                $"data.text has {textBytes} UTF-8 bytes; the limit is {EventLimits.MaxTextBytes}.");
        }

        if (ValidateChannel(data.Channel) is { } channelError) { return channelError; }

        return EventParseResult.Valid(e with
        {
            MessageId = data.MessageId,
            Author = author,
            Text = data.Text,
            Channel = data.Channel,
            Internal = data.Internal ?? false,
        });
    }

    private static EventParseResult ValidateStarted(ChatEvent e, ChatEventDataDto? data)
    {
        CustomerRef? customer = null;
        if (data?.Customer is { } c)
        {
            if (c.Id is not null && !IdRules.IsValidId(c.Id)) { return BadId("data.customer.id", c.Id); }
            if (c.Email is not null && (c.Email.Length > 254 || c.Email.IndexOf('@') <= 0))
            {
                return Invalid("data.customer.email", "must be an e-mail address of at most 254 characters");
            }

            if (c.Phone is not null && (c.Phone.Length > 32 || !c.Phone.All(ch => char.IsAsciiDigit(ch) || ch is '+' or '-' or ' ' or '(' or ')' or '.')))
            {
                return Invalid("data.customer.phone", "must be a phone number of at most 32 characters (digits, + - . ( ) and spaces)");
            }

            if (c.Name is { Length: > 256 }) { return Invalid("data.customer.name", "must be at most 256 characters"); }
            customer = new CustomerRef(c.Id, c.Email, c.Phone, c.Name);
        }

        if (ValidateChannel(data?.Channel) is { } channelError) { return channelError; }
        if (data?.Subject is { Length: > EventLimits.MaxFreeTextLength }) { return Invalid("data.subject", $"must be at most {EventLimits.MaxFreeTextLength} characters"); }

        return EventParseResult.Valid(e with { Customer = customer, Channel = data?.Channel, Subject = data?.Subject });
    }

    private static EventParseResult ValidateAssigned(ChatEvent e, ChatEventDataDto? data)
    {
        if (data?.Agent is null) { return Missing("data.agent"); }
        var agent = ToParticipant(data.Agent, "data.agent", requireIdFor: [AuthorRole.Agent, AuthorRole.Bot], out var error, defaultRole: AuthorRole.Agent);
        if (error is not null) { return error.Value; }
        if (!agent!.IsAgentSide) { return Invalid("data.agent.role", "must be agent or bot"); }
        return EventParseResult.Valid(e with { Agent = agent });
    }

    private static EventParseResult ValidateHandoff(ChatEvent e, ChatEventDataDto? data)
    {
        if (data?.To is null) { return Missing("data.to"); }
        var to = ToParticipant(data.To, "data.to", requireIdFor: [], out var error);
        if (error is not null) { return error.Value; }
        if (!to!.IsAgentSide) { return Invalid("data.to.role", "must be agent or bot"); }

        Participant? from = null;
        if (data.From is not null)
        {
            from = ToParticipant(data.From, "data.from", requireIdFor: [], out error);
            if (error is not null) { return error.Value; }
        }

        return ValidateReason(e, data) ?? EventParseResult.Valid(e with { Agent = to, HandoffFrom = from, Reason = data.Reason });
    }

    private static EventParseResult ValidateTagged(ChatEvent e, ChatEventDataDto? data)
    {
        if (data?.Tags is null) { return Missing("data.tags"); }
        if (data.Tags.Count is 0 or > EventLimits.MaxTags) { return Invalid("data.tags", $"must hold 1 to {EventLimits.MaxTags} tags"); }
        foreach (var tag in data.Tags)
        {
            if (string.IsNullOrWhiteSpace(tag) || tag.Length > EventLimits.MaxTagLength)
            {
                return Invalid("data.tags", $"each tag must be 1 to {EventLimits.MaxTagLength} characters");
            }
        }

        return EventParseResult.Valid(e with { Tags = data.Tags.ToArray() });
    }

    private static EventParseResult ValidateCsat(ChatEvent e, ChatEventDataDto? data)
    {
        if (data?.Score is not { } score) { return Missing("data.score"); }
        if (score is < 1 or > 5 || score != Math.Floor(score)) { return Invalid("data.score", "must be a whole number from 1 to 5"); }
        return EventParseResult.Valid(e with { CsatScore = (int)score });
    }

    private static EventParseResult ValidateClosed(ChatEvent e, ChatEventDataDto? data)
    {
        var resolution = data?.Resolution;
        if (resolution is not null && !Resolutions.Contains(resolution))
        {
            return Invalid("data.resolution", $"must be one of {string.Join(", ", Resolutions)}");
        }

        return ValidateReason(e, data) ?? EventParseResult.Valid(e with { Resolution = resolution, Reason = data?.Reason });
    }

    private static EventParseResult? ValidateReason(ChatEvent e, ChatEventDataDto? data) =>
        data?.Reason is { Length: > EventLimits.MaxFreeTextLength }
            ? Invalid("data.reason", $"must be at most {EventLimits.MaxFreeTextLength} characters")
            : null;

    private static EventParseResult? ValidateChannel(string? channel) =>
        channel is not null && !IdRules.IsValidId(channel) ? BadId("data.channel", channel) : null;

    private static Participant? ToParticipant(
        ParticipantDto dto,
        string path,
        AuthorRole[] requireIdFor,
        out EventParseResult? error,
        AuthorRole? defaultRole = null)
    {
        error = null;
        AuthorRole role;
        if (dto.Role is null)
        {
            if (defaultRole is null)
            {
                error = Missing(path + ".role");
                return null;
            }

            role = defaultRole.Value;
        }
        else if (!TryParseRole(dto.Role, out role))
        {
            error = Invalid(path + ".role", "must be customer, agent, bot or system");
            return null;
        }

        if (dto.Id is null && requireIdFor.Contains(role))
        {
            error = Missing(path + ".id");
            return null;
        }

        if (dto.Id is not null && !IdRules.IsValidId(dto.Id))
        {
            error = BadId(path + ".id", dto.Id);
            return null;
        }

        if (dto.Name is { Length: > 256 } || dto.AiTool is { Length: > 128 })
        {
            error = Invalid(path, "name must be at most 256 and aiTool at most 128 characters");
            return null;
        }

        return new Participant(role, dto.Id, dto.Name, dto.AiTool);
    }

    private static bool TryParseRole(string value, out AuthorRole role)
    {
        role = value switch
        {
            "customer" => AuthorRole.Customer,
            "agent" => AuthorRole.Agent,
            "bot" => AuthorRole.Bot,
            "system" => AuthorRole.System,
            _ => 0,
        };
        return role != 0;
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

    private static EventParseResult Missing(string field) =>
        EventParseResult.Invalid(RejectionCodes.MissingField, $"{field} is required.");

    private static EventParseResult Invalid(string field, string rule) =>
        EventParseResult.Invalid(RejectionCodes.InvalidField, $"{field} {rule}.");

    private static EventParseResult BadId(string field, string value) =>
        EventParseResult.Invalid(RejectionCodes.InvalidId, $"{field} '{Truncate(value)}' must match [A-Za-z0-9._:-]{{1,128}}.");

    private static EventParseResult BadScope(string field, string value) =>
        EventParseResult.Invalid(RejectionCodes.InvalidId, $"{field} '{Truncate(value)}' must match [a-z0-9-]{{1,64}}.");

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
