namespace CraftCX.Privacy.EndUsers;

/// <summary>The answer to an end user's deletion request: what was removed where, and what a hold kept.</summary>
/// <param name="Identifiers">The kinds of identifier the request gave (customerId, email, phone), never their values.</param>
[GenerateSerializer, Immutable, Alias("craftcx.erasure-receipt.v1")]
public sealed record ErasureReceipt(
    [property: Id(0)] string ReceiptId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] IReadOnlyList<string> Identifiers,
    [property: Id(3)] IReadOnlyList<ConversationErasure> Conversations,
    [property: Id(4)] int Erased,
    [property: Id(5)] int Held);
