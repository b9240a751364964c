namespace CraftCX.Events;

/// <summary>The id formats of the contract, checked without regex because they run on every event.</summary>
public static class IdRules
{
    public const int MaxIdLength = 128;
    public const int MaxScopeLength = 64;

    /// <summary>Event, conversation, message, agent and customer ids: [A-Za-z0-9._:-]{1,128}.</summary>
    public static bool IsValidId(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxIdLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Tenant and workspace ids: [a-z0-9-]{1,64}.</summary>
    public static bool IsValidScope(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxScopeLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }
}
