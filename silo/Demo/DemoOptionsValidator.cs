using Microsoft.Extensions.Options;

namespace CraftCX.Silo.Demo;

/// <summary>Checks the ranges declared on <see cref="DemoOptions"/> (beside the demo, which production builds leave out).</summary>
[OptionsValidator]
internal sealed partial class DemoOptionsValidator : IValidateOptions<DemoOptions>;
