namespace CraftCX.Privacy.EndUsers;

/// <summary>How many digits a phone number needs before it can name one end user.</summary>
public static class EndUserPhone
{
    public const int MinDigits = 7;

    /// <summary>Decimal digits of any script, as the index counts them.</summary>
    public static int Digits(string phone) => phone.Count(c => System.Globalization.CharUnicodeInfo.GetDecimalDigitValue(c) >= 0);
}
