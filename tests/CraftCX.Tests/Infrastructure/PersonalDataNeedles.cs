using CraftCX.Events.Json;

namespace CraftCX.Tests.Infrastructure;

/// <summary>What a privacy test searches raw storage for: the customers' emails, phones and names, and their longer sentences.</summary>
internal static class PersonalDataNeedles
{
    public static List<string> Of(IEnumerable<ChatEventDto> events)
    {
        var needles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (e.Data?.Customer is { } customer)
            {
                foreach (var value in new[] { customer.Email, customer.Phone, customer.Name })
                {
                    if (!string.IsNullOrEmpty(value))
                    {
                        needles.Add(value);
                    }
                }
            }

            if (e.Type == "message.created" && e.Data?.Author?.Role == "customer" && e.Data.Text is { Length: >= 20 } text)
            {
                needles.Add(text);
            }
        }

        return needles.ToList();
    }
}
