using CraftCX.Connectors.Imports;

namespace CraftCX.Api.Connectors.Imports;

/// <summary>An import as the routes show it: state, counts, rate and the time left; a URL without its query.</summary>
internal sealed record ConnectorImportResponse(
    string Id,
    string ConnectorId,
    ConnectorImportState State,
    ConnectorImportSource Source,
    string Location,
    long Records,
    long Events,
    long DeadLettered,
    long BytesRead,
    long? TotalBytes,
    double? PercentRead,
    double RecordsPerSecond,
    long? SecondsRemaining,
    int Runs,
    long ResumedFrom,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    string StatusUrl)
{
    public static ConnectorImportResponse Of(ConnectorImportInfo info, string statusUrl)
    {
        var p = info.Progress;
        return new(
            info.Id,
            info.Spec.ConnectorId,
            info.State,
            info.Spec.Source,
            ImportSourceRules.Shown(info.Spec),
            p.Records,
            p.Events,
            p.DeadLettered,
            p.BytesRead,
            p.TotalBytes,
            p.TotalBytes is > 0 ? Math.Round(100.0 * p.BytesRead / p.TotalBytes.Value, 1) : null,
            info.State == ConnectorImportState.Running ? p.RecordsPerSecond : 0,
            info.State == ConnectorImportState.Running ? p.SecondsRemaining : null,
            info.Runs,
            info.ResumedFrom,
            info.CreatedAt,
            info.UpdatedAt,
            info.FinishedAt,
            info.Error,
            statusUrl);
    }
}
