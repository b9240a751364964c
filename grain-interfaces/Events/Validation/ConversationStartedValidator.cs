using CraftCX.Events.Json;
using static CraftCX.Events.Validation.FieldRejections;

namespace CraftCX.Events.Validation;

/// <summary>conversation.started: the customer reference (id, e-mail, phone, name), channel and subject.</summary>
internal static class ConversationStartedValidator
{
    internal static EventParseResult Validate(ChatEvent e, ChatEventDataDto? data)
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

        if (Channel(data?.Channel) is { } channelError) { return channelError; }
        if (data?.Subject is { Length: > EventLimits.MaxFreeTextLength }) { return Invalid("data.subject", $"must be at most {EventLimits.MaxFreeTextLength} characters"); }

        return EventParseResult.Valid(e with { Customer = customer, Channel = data?.Channel, Subject = data?.Subject });
    }
}
