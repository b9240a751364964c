using Microsoft.Extensions.Options;

namespace CraftCX.Api.Connectors.Imports;

/// <summary>Checks the ranges declared on <see cref="ConnectorImportOptions"/> (code generated at build time).</summary>
[OptionsValidator]
internal sealed partial class ConnectorImportOptionsValidator : IValidateOptions<ConnectorImportOptions>;
