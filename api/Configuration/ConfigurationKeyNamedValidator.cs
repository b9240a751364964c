using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace CraftCX.Api.Configuration;

/// <summary>
/// Runs a source-generated validator and names each failing member by the configuration key an operator sets
/// ("Aggregation:FlushInterval"), where the generator names it by the class ("AggregationOptions.FlushInterval").
/// </summary>
internal sealed partial class ConfigurationKeyNamedValidator<TOptions>(IValidateOptions<TOptions> inner, string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    private readonly Regex _member = new(Regex.Escape(typeof(TOptions).Name) + @"\.(?<path>[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)", RegexOptions.CultureInvariant);

    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var result = inner.Validate(name, options);
        return result.Failed
            ? ValidateOptionsResult.Fail(result.Failures!.Select(Rename))
            : result;
    }

    // The generator also puts the bare member name in front ("FlushInterval: The field ..."); the key says it.
    private string Rename(string failure) =>
        _member.Replace(MemberPrefix().Replace(failure, string.Empty), m => section + ":" + m.Groups["path"].Value.Replace('.', ':'));

    [GeneratedRegex(@"^[A-Za-z0-9_.]+: (?=The field )", RegexOptions.CultureInvariant)]
    private static partial Regex MemberPrefix();
}
