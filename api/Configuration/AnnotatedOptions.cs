using Microsoft.Extensions.Options;

namespace CraftCX.Api.Configuration;

/// <summary>Registers a settings section's source-generated validator and checks the section when the host starts.</summary>
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
}
