using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.PostMortems;
using IncidentBot.Testing.Golden;

namespace IncidentBot.Dialogs.Tests.PostMortems;

public sealed class PostMortemMarkdownTests
{
    [Fact]
    public void The_draft_of_a_scripted_removal_order_matches_its_golden_file()
    {
        GoldenFile.AssertMatches("postmortem-removal-order.md", PostMortemMarkdown.Render(ScriptedIncident.Record()));
    }

    [Fact]
    public void A_redacted_draft_matches_its_golden_file_and_leaves_out_title_texts_and_names()
    {
        var markdown = PostMortemMarkdown.Render(RestrictedRedaction.Redact(ScriptedIncident.Record()));

        GoldenFile.AssertMatches("postmortem-redacted.md", markdown);
        Assert.DoesNotContain("extremist", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Alice Rai", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("hashes", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("URL unclear", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("terrorist content", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_only_flagged_as_redacted_still_shows_no_clock_text_or_pause_reason()
    {
        var markdown = PostMortemMarkdown.Render(ScriptedIncident.Record(redacted: true));

        Assert.DoesNotContain("URL unclear", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("terrorist content", markdown, StringComparison.Ordinal);
        Assert.Contains("Clock eu-tco-removal paused", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_cells_cannot_be_broken_by_pipes_newlines_or_html()
    {
        var markdown = PostMortemMarkdown.Render(ScriptedIncident.Record());

        Assert.Contains(@"collecting \| hashes", markdown, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;to&lt;/b&gt;", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", markdown, StringComparison.Ordinal);
        Assert.Contains("@Bob Müller is collecting", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_section_the_team_completes_is_there()
    {
        var markdown = PostMortemMarkdown.Render(ScriptedIncident.Record());

        foreach (var heading in (string[])["## Summary", "## Impact", "## Markets and languages", "## Key times", "## Clocks", "## Roles", "## Timeline",
                     "## Action items", "## What went well", "## What went wrong", "## Root causes and contributing factors"])
        {
            Assert.Contains("\n" + heading + "\n", markdown, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_timeline_of_thousands_of_events_renders_one_row_each()
    {
        var record = ScriptedIncident.Record();
        var events = Enumerable.Range(0, 5000).Select(i => record.Timeline[i % record.Timeline.Count] with { Id = $"evt-{i}" }).ToList();

        var markdown = PostMortemMarkdown.Render(record with { Timeline = events });

        var rows = markdown.Split('\n').SkipWhile(l => l != "## Timeline").Skip(4).TakeWhile(l => l.StartsWith('|')).Count();
        Assert.Equal(5000, rows);
        Assert.Equal(TimelineKind.Declared, events[0].Kind);
    }
}
