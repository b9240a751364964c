namespace CraftCX.Privacy;

/// <summary>The typed placeholders that stand in for personal data in text sent to a model.</summary>
internal static class RedactionPlaceholders
{
    public const string Email = "[EMAIL]";
    public const string Phone = "[PHONE]";
    public const string PaymentCard = "[CARD]";
    public const string Iban = "[IBAN]";
    public const string NationalId = "[NATIONAL_ID]";
    public const string CustomerName = "[CUSTOMER_NAME]";
    public const string CustomerId = "[CUSTOMER_ID]";
}
