namespace CraftCX.Tests.Scoring;

[Trait("Category", "Unit")]
public sealed class ProfessionalismRuleTests
{
    [Fact]
    public void Courteous_replies_keep_full_marks()
    {
        var t = new Transcript().Customer("Help").Agent("Of course, happy to help with that.");
        Assert.Equal(100, t.ScoreOf("professionalism"));
    }

    [Fact]
    public void Rude_wording_loses_forty_points_per_reply()
    {
        var t = new Transcript().Customer("Help").Agent("Calm down, it is not my problem.").Agent("Whatever, read the manual.");
        Assert.Equal(20, t.ScoreOf("professionalism"));
        Assert.Equal(["m2", "m3"], t.EvidenceOf("professionalism"));
    }

    [Fact]
    public void Chat_speak_loses_ten_points()
    {
        var t = new Transcript().Customer("Help").Agent("idk lol, try again pls");
        Assert.Equal(90, t.ScoreOf("professionalism"));
    }
}
