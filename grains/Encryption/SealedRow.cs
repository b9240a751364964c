namespace CraftCX.Encryption;

/// <summary>One stored row: its state name and grain key.</summary>
public sealed record SealedRow(string StateName, string Key);
