using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CraftCX.Api.Security;

/// <summary>
/// Checks the credential settings at start: outside Development the token signing key must be configured (every
/// silo of a cluster must share it), and a configured one must be usable; the error names the setting.
/// </summary>
internal sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.TokenSigningKey))
        {
            if (!environment.IsDevelopment())
            {
                errors.Add($"Auth:TokenSigningKey is empty in the {environment.EnvironmentName} environment; set it to base64 of at least 32 random bytes (the same on every silo), e.g. from `openssl rand -base64 48`.");
            }
        }
        else if (!TokenSigningKey.TryDecode(options.TokenSigningKey, out _))
        {
            errors.Add("Auth:TokenSigningKey must be base64 of at least 32 bytes.");
        }

        if (options.TokenLifetime <= TimeSpan.Zero || options.TokenLifetime > TimeSpan.FromHours(24))
        {
            errors.Add("Auth:TokenLifetime must be more than zero and at most 24 hours.");
        }

        if (options.KeyCacheTtl < TimeSpan.Zero || options.KeyCacheTtl > TimeSpan.FromMinutes(5))
        {
            errors.Add("Auth:KeyCacheTtl must be between 0 and 5 minutes (it bounds how long a revoked key keeps working).");
        }

        if (options.OperatorKey is { Length: > 0 and < 16 })
        {
            errors.Add("Auth:OperatorKey must be at least 16 characters when set.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
