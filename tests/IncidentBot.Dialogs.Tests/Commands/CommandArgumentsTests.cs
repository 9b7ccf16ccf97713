using IncidentBot.Dialogs.Commands;

namespace IncidentBot.Dialogs.Tests.Commands;

public sealed class CommandArgumentsTests
{
    private static CommandArguments Arguments(string text)
    {
        var tokens = CommandTokenizer.Tokenize(text).Value;
        return new CommandArguments("note", null, tokens, text);
    }

    [Fact]
    public void Rest_text_keeps_the_spacing_and_punctuation_as_typed()
    {
        var arguments = Arguments("  Rolled back,   then  restarted!  (twice)  ");

        Assert.Equal("Rolled back,   then  restarted!  (twice)", arguments.RestText());
    }

    [Fact]
    public void Rest_text_starts_at_the_given_token()
    {
        var arguments = Arguments("first second   third");

        Assert.Equal("second   third", arguments.RestText(1));
    }

    [Fact]
    public void Rest_text_past_the_last_token_is_empty()
    {
        Assert.Equal("", Arguments("only").RestText(1));
    }

    [Fact]
    public void Rest_text_normalises_mentions_and_channel_references()
    {
        var arguments = Arguments("ask <@U1|alice> and <@U2> in <#C3|ops>");

        Assert.Equal("ask <@U1> and <@U2> in <#C3>", arguments.RestText());
    }

    [Fact]
    public void Rest_text_turns_links_into_their_url()
    {
        Assert.Equal("see https://status.example/x for more", Arguments("see <https://status.example/x|the status page> for more").RestText());
    }

    [Fact]
    public void Rest_text_decodes_html_entities()
    {
        Assert.Equal("Q&A <page> is back", Arguments("Q&amp;A &lt;page&gt; is back").RestText());
    }

    [Fact]
    public void Rest_text_keeps_quotation_marks_and_decodes_what_is_inside()
    {
        Assert.Equal("they said “Tom & Jerry” twice", Arguments("they said “Tom &amp; Jerry” twice").RestText());
    }

    [Fact]
    public void Arguments_without_tokens_are_empty()
    {
        Assert.True(Arguments("   ").IsEmpty);
    }
}
