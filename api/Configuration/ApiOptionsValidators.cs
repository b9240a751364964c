using CraftCX.Api.Dashboard;
using CraftCX.Api.Security;
using Microsoft.Extensions.Options;

namespace CraftCX.Api.Configuration;

/// <summary>Checks the ranges declared on <see cref="ApiOptions"/> (code generated at build time).</summary>
[OptionsValidator]
internal sealed partial class ApiOptionsValidator : IValidateOptions<ApiOptions>;

/// <summary>Checks the ranges declared on <see cref="LiveOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class LiveOptionsValidator : IValidateOptions<LiveOptions>;

/// <summary>Checks the ranges declared on <see cref="RateLimitOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>;
