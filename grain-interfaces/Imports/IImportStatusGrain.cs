namespace CraftCX.Imports;

/// <summary>The progress of one tenant's imports, summed over every silo's reports; key: the tenant id.</summary>
[Alias("craftcx.IImportStatusGrain")]
public interface IImportStatusGrain : IGrainWithStringKey
{
    /// <summary>Events of this tenant accepted for import over HTTP, now on the import topic.</summary>
    Task SubmittedAsync(int events);

    /// <summary>
    /// What a silo counted since its last report. A reporter numbers its reports and sends one again, with its
    /// number, until it is acknowledged: a report at or below the reporter's last number is counted already.
    /// </summary>
    Task ReportAsync(string reporter, long sequence, ImportProgressReport report);

    Task<ImportStatus> GetAsync();
}
