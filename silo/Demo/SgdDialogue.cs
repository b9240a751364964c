namespace CraftCX.Silo.Demo;

/// <summary>One Schema-Guided Dialogue (Google Research, CC BY-SA 4.0): a user and a virtual assistant in one domain.</summary>
/// <param name="Turns">Speaker ("user" or "system") and text, in order.</param>
internal sealed record SgdDialogue(string Id, string Domain, string Service, IReadOnlyList<(string Speaker, string Text)> Turns);
