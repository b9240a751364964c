using System.Security.Cryptography;
using CraftCX.Events;

namespace CraftCX.Connectors;

/// <summary>What a connector's name, mapping and secret must be, and the secrets and ids CraftCX makes.</summary>
internal static class ConnectorSpecRules
{
    public const int MaxNameLength = 128;
    public const int MaxWorkspaceEntries = 500;
    public const int MaxBotIds = 500;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 512;

    /// <summary>128 random bits, so a webhook URL cannot be guessed.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A Standard Webhooks secret (whsec_ and 32 random bytes in base64); the helpdesks make their own.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static void EnsureValidName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            throw new ArgumentException($"A connector needs a name of 1 to {MaxNameLength} characters without control characters.", nameof(name));
        }
    }

    public static void EnsureValidMapping(ConnectorMapping? mapping)
    {
        if (mapping is null || !IdRules.IsValidId(mapping.DefaultWorkspace))
        {
            throw new ArgumentException("mapping.defaultWorkspace must match [A-Za-z0-9._:-]{1,128}: conversations of groups or inboxes not mapped land there.", nameof(mapping));
        }

        if (mapping.Workspaces is { } workspaces)
        {
            if (workspaces.Count > MaxWorkspaceEntries)
            {
                throw new ArgumentException($"mapping.workspaces may have at most {MaxWorkspaceEntries} entries.", nameof(mapping));
            }

            foreach (var (source, workspace) in workspaces)
            {
                if (source.Length is 0 or > 128 || !IdRules.IsValidId(workspace))
                {
                    throw new ArgumentException("mapping.workspaces maps a group, inbox or team id (1 to 128 characters) to a workspace id matching [A-Za-z0-9._:-]{1,128}.", nameof(mapping));
                }
            }
        }

        if (mapping.BotIds is { } bots && (bots.Count > MaxBotIds || bots.Any(b => string.IsNullOrEmpty(b) || b.Length > 128)))
        {
            throw new ArgumentException($"mapping.botIds holds at most {MaxBotIds} user ids of 1 to 128 characters.", nameof(mapping));
        }

        if (mapping.DefaultChannel is { } channel && (channel.Length is 0 or > 64 || channel.Any(char.IsControl)))
        {
            throw new ArgumentException("mapping.defaultChannel is a channel name of 1 to 64 characters (chat, email, messaging, social, voice...).", nameof(mapping));
        }
    }

    /// <summary>The secret to store: the given one, checked, or a new one where CraftCX may make it.</summary>
    public static string SecretFor(ConnectorType type, string? given)
    {
        if (given is null)
        {
            return type == ConnectorType.StandardWebhooks
                ? NewSecret()
                : throw new ArgumentException($"A {type} connector needs the secret {(type == ConnectorType.Zendesk ? "Zendesk shows on the webhook's page (signing secret)" : "of the Intercom app (client secret, on its Basic information page)")}: the helpdesk makes it, not CraftCX.", "secret");
        }

        if (given.Length is < MinSecretLength or > MaxSecretLength || given.Any(char.IsControl))
        {
            throw new ArgumentException($"A secret has {MinSecretLength} to {MaxSecretLength} characters without control characters.", "secret");
        }

        return given;
    }
}
