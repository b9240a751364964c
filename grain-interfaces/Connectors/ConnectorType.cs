namespace CraftCX.Connectors;

/// <summary>Which helpdesk a connector receives from, and so how its deliveries are signed and mapped.</summary>
[GenerateSerializer]
public enum ConnectorType
{
    Zendesk = 1,
    Intercom = 2,

    /// <summary>Contract v1 events signed the Standard Webhooks way, for any other source.</summary>
    StandardWebhooks = 3,
}
