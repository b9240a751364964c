using CraftCX.Api.Connectors.Imports;
using CraftCX.Connectors.Imports;

namespace CraftCX.Tests.Connectors;

/// <summary>Which import sources an operator's settings allow: nothing outside the directory, only listed hosts, no credentials in URLs.</summary>
[Trait("Category", "Unit")]
public sealed class ImportSourceRulesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("craftcx-rules-").FullName;

    public ImportSourceRulesTests()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "zendesk"));
        File.WriteAllText(Path.Combine(_directory, "zendesk", "tickets.json"), "{}");
        File.WriteAllText(Path.Combine(_directory + "-sibling.json"), "{}");
    }

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
        File.Delete(_directory + "-sibling.json");
    }

    [Fact]
    public void A_file_inside_the_directory_is_taken_and_nothing_outside_it()
    {
        var options = new ConnectorImportOptions { Directory = _directory };
        Assert.Equal(ConnectorImportSource.File, ImportSourceRules.Check("c", "zendesk/tickets.json", null, options).Spec?.Source);
        Assert.Equal(ConnectorImportSource.File, ImportSourceRules.Check("c", "zendesk/../zendesk/tickets.json", null, options).Spec?.Source);
        foreach (var outside in new[] { "../" + Path.GetFileName(_directory) + "-sibling.json", "/etc/passwd", "zendesk/../../x", "a\0b" })
        {
            var (spec, error) = ImportSourceRules.Check("c", outside, null, options);
            Assert.Null(spec);
            Assert.Contains("inside the import directory", error, StringComparison.Ordinal);
        }

        Assert.Contains("no file", ImportSourceRules.Check("c", "zendesk/none.json", null, options).Error, StringComparison.Ordinal);
        Assert.Contains("File imports are off", ImportSourceRules.Check("c", "zendesk/tickets.json", null, new ConnectorImportOptions()).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_needs_an_allowed_host_and_no_credentials_and_is_shown_without_its_query()
    {
        var options = new ConnectorImportOptions { AllowedHosts = ["exports.example.com"] };
        var (spec, _) = ImportSourceRules.Check("c", null, "https://EXPORTS.example.com/t.json?token=abc", options);
        Assert.NotNull(spec);
        Assert.Equal("https://exports.example.com/t.json", ImportSourceRules.Shown(spec));
        Assert.Contains("not one the operator allowed", ImportSourceRules.Check("c", null, "https://evil.example.net/t.json", options).Error, StringComparison.Ordinal);
        Assert.Contains("credentials", ImportSourceRules.Check("c", null, "https://u:p@exports.example.com/t.json", options).Error, StringComparison.Ordinal);
        Assert.Contains("http or https", ImportSourceRules.Check("c", null, "file:///etc/passwd", options).Error, StringComparison.Ordinal);
        Assert.Contains("URL imports are off", ImportSourceRules.Check("c", null, "https://exports.example.com/t.json", new ConnectorImportOptions()).Error, StringComparison.Ordinal);
        Assert.Contains("exactly one", ImportSourceRules.Check("c", null, null, options).Error, StringComparison.Ordinal);
    }
}
