using CraftCX.Events;

namespace CraftCX.Api.Http;

/// <summary>Validates ids taken from URLs with the contract's rules, before any grain is touched.</summary>
internal static class RouteIds
{
    public static IResult? CheckTenant(string tenant) =>
        IdRules.IsValidScope(tenant) ? null : Problems.BadRequest("Invalid tenant id", $"Tenant '{Clip(tenant)}' must match [a-z0-9-]{{1,64}}.");

    public static IResult? CheckScope(string name, string value) =>
        IdRules.IsValidScope(value) ? null : Problems.BadRequest($"Invalid {name} id", $"{Capitalise(name)} '{Clip(value)}' must match [a-z0-9-]{{1,64}}.");

    public static IResult? CheckId(string name, string value) =>
        IdRules.IsValidId(value) ? null : Problems.BadRequest($"Invalid {name} id", $"{Capitalise(name)} '{Clip(value)}' must match [A-Za-z0-9._:-]{{1,128}}.");

    private static string Clip(string value) => value.Length <= 64 ? value : value[..64] + "…";

    private static string Capitalise(string value) => char.ToUpperInvariant(value[0]) + value[1..];
}
