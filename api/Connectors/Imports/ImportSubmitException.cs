namespace CraftCX.Api.Connectors.Imports;

/// <summary>The event log refused an import's batch after every retry.</summary>
internal sealed class ImportSubmitException(string message, Exception inner) : Exception(message, inner);
