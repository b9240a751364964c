namespace CraftCX.Imports;

/// <summary>The last report of one reporter that an import status counted, and when.</summary>
[GenerateSerializer, Immutable, Alias("craftcx.import-reporter-mark.v1")]
internal sealed record ImportReporterMark([property: Id(0)] long Sequence, [property: Id(1)] DateTimeOffset At);
