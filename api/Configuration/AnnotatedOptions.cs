using Microsoft.Extensions.Options;

namespace CraftCX.Api.Configuration;

/// <summary>Checks a settings section with its source-generated validator: when the host starts, or at once.</summary>
public static class AnnotatedOptions
{
    /// <summary>The ranges on <typeparamref name="TOptions"/>'s properties are checked at start, failures named by their keys.</summary>
    public static OptionsBuilder<TOptions> ValidateAnnotationsOnStart<TOptions, TValidator>(this OptionsBuilder<TOptions> builder, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>, new()
    {
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(new ConfigurationKeyNamedValidator<TOptions>(new TValidator(), section));
        return builder.ValidateOnStart();
    }

    /// <summary>The failures of settings read before the host is built, named by their keys; empty when all hold.</summary>
    public static IReadOnlyList<string> Check<TOptions, TValidator>(TOptions options, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>, new()
    {
        var result = new ConfigurationKeyNamedValidator<TOptions>(new TValidator(), section).Validate(Options.DefaultName, options);
        return result.Failed ? [.. result.Failures] : [];
    }
}
