namespace CraftCX.Privacy.EndUsers;

/// <summary>How many digits a phone number needs before it can name one end user.</summary>
public static class EndUserPhone
{
    public const int MinDigits = 7;

    public static int Digits(string phone) => phone.Count(char.IsAsciiDigit);
}
