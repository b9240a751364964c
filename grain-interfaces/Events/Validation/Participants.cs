using CraftCX.Events.Json;
using static CraftCX.Events.Validation.FieldRejections;

namespace CraftCX.Events.Validation;

/// <summary>Reads a participant (author, assignee, handoff side): role, id, name and AI tool, each checked.</summary>
internal static class Participants
{
    internal static Participant? Read(
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
}
