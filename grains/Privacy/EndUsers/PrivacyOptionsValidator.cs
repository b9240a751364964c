using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CraftCX.Privacy.EndUsers;

/// <summary>Outside Development the index key must be configured, and a configured one must be usable; the error names the setting.</summary>
internal sealed class PrivacyOptionsValidator(IHostEnvironment environment) : IValidateOptions<PrivacyOptions>
{
    public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.IndexKey))
        {
            if (!environment.IsDevelopment())
            {
                errors.Add($"Privacy:IndexKey is empty in the {environment.EnvironmentName} environment; set it to base64 of at least 32 random bytes (the same on every silo, kept for the life of the data), e.g. from `openssl rand -base64 48`.");
            }
        }
        else if (!PrivacyOptions.TryDecodeKey(options.IndexKey, out _))
        {
            errors.Add("Privacy:IndexKey must be base64 of at least 32 bytes.");
        }

        if (options.MaxHeldBackBytes is < 1024 or > 64 * 1024 * 1024)
        {
            errors.Add("Privacy:MaxHeldBackBytes must be from 1024 to 67108864.");
        }

        if (options.MaxHeldBackEvents is < 1 or > 100_000)
        {
            errors.Add("Privacy:MaxHeldBackEvents must be from 1 to 100000.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
