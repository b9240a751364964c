using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace CraftCX.Api.Connectors;

/// <summary>
/// A helpdesk's HTML message body as the plain text a customer read: tags dropped, entities decoded, paragraphs and
/// line breaks kept as newlines, script and style content removed.
/// </summary>
internal static class HtmlText
{
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "li", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article",
    };

    public static string Of(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return string.Empty;
        }

        if (!html.Contains('<', StringComparison.Ordinal) && !html.Contains('&', StringComparison.Ordinal))
        {
            return html.Trim();
        }

        // A parser with default options per call: it holds no state worth sharing and is cheap next to the parse.
        var body = new HtmlParser().ParseDocument($"<body>{html}</body>").Body;
        if (body is null)
        {
            return string.Empty;
        }

        var text = new StringBuilder(html.Length);
        Append(body, text);
        return Collapse(text.ToString());
    }

    private static void Append(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(t.Data);
                    break;
                case IElement { LocalName: "br" }:
                    text.Append('\n');
                    break;
                case IElement { LocalName: "script" or "style" or "template" }:
                    break;
                case IElement element:
                    var block = Blocks.Contains(element.LocalName);
                    if (block)
                    {
                        text.Append('\n');
                    }

                    Append(element, text);
                    if (block)
                    {
                        text.Append('\n');
                    }

                    break;
            }
        }
    }

    /// <summary>One line per paragraph or break, no blank lines (a chat reads as lines), no spaces around line ends.</summary>
    private static string Collapse(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
}
