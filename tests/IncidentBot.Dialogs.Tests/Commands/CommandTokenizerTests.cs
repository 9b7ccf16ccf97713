using IncidentBot.Dialogs.Commands;

namespace IncidentBot.Dialogs.Tests.Commands;

public sealed class CommandTokenizerTests
{
    private static IReadOnlyList<CommandToken> Tokens(string text)
    {
        var result = CommandTokenizer.Tokenize(text);
        Assert.True(result.IsSuccess, result.Error?.Message.ToPlainText());
        return result.Value;
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n ")]
    public void Blank_text_has_no_tokens(string text)
    {
        Assert.Empty(Tokens(text));
    }

    [Fact]
    public void Words_are_split_on_whitespace_with_their_positions_in_the_original_text()
    {
        var tokens = Tokens("declare  sev1\tOutage\n");

        Assert.Equal(
            [new(TokenKind.Word, "declare", 0, 7), new(TokenKind.Word, "sev1", 9, 13), new CommandToken(TokenKind.Word, "Outage", 14, 20)],
            tokens);
    }

    [Fact]
    public void A_straight_quoted_string_is_one_token_without_its_quotes()
    {
        var tokens = Tokens("note \"two  words\" after");

        Assert.Equal(new CommandToken(TokenKind.Quoted, "two  words", 5, 17), tokens[1]);
        Assert.Equal(new CommandToken(TokenKind.Word, "after", 18, 23), tokens[2]);
    }

    [Theory]
    [InlineData("“Payments down”")]
    [InlineData("„Payments down“")]
    [InlineData("«Payments down»")]
    [InlineData("”Payments down”")]
    public void Curly_and_guillemet_quotes_quote_like_straight_ones(string text)
    {
        var token = Assert.Single(Tokens(text));

        Assert.Equal(new CommandToken(TokenKind.Quoted, "Payments down", 0, text.Length), token);
    }

    [Theory]
    [InlineData("declare \"Payments down")]
    [InlineData("declare “Payments down")]
    public void An_unterminated_quote_is_an_error(string text)
    {
        var result = CommandTokenizer.Tokenize(text);

        Assert.False(result.IsSuccess);
        Assert.Equal("bad_syntax", result.Error.Code);
        Assert.Contains("quotation mark", result.Error.Message.ToPlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_quote_inside_a_word_is_part_of_the_word()
    {
        Assert.Equal(["5\"", "screens"], Tokens("5\" screens").Select(t => t.Text));
    }

    [Fact]
    public void A_quoted_value_after_a_flags_equals_sign_belongs_to_the_flag()
    {
        var token = Assert.Single(Tokens("--desc=“two &amp; three”"));

        Assert.Equal(new CommandToken(TokenKind.Word, "--desc=two & three", 0, 24), token);
    }

    [Fact]
    public void A_quote_after_an_equals_sign_in_an_ordinary_word_is_part_of_the_word()
    {
        Assert.Equal(["x=\"y", "z\""], Tokens("x=\"y z\"").Select(t => t.Text));
    }

    [Fact]
    public void A_labelled_user_mention_is_the_user_id()
    {
        var token = Assert.Single(Tokens("<@U123ABC|alice>"));

        Assert.Equal(new CommandToken(TokenKind.UserMention, "U123ABC", 0, 16), token);
    }

    [Fact]
    public void An_unlabelled_user_mention_is_the_user_id()
    {
        var token = Assert.Single(Tokens("<@W42>"));

        Assert.Equal(new CommandToken(TokenKind.UserMention, "W42", 0, 6), token);
    }

    [Fact]
    public void A_channel_reference_is_the_channel_id()
    {
        var token = Assert.Single(Tokens("<#C0OPS|ops-room>"));

        Assert.Equal(new CommandToken(TokenKind.ChannelMention, "C0OPS", 0, 17), token);
    }

    [Fact]
    public void A_link_is_its_decoded_url_without_the_label()
    {
        var token = Assert.Single(Tokens("<https://example.com/r?a=1&amp;b=2|the report>"));

        Assert.Equal(TokenKind.Link, token.Kind);
        Assert.Equal("https://example.com/r?a=1&b=2", token.Text);
    }

    [Fact]
    public void A_special_mention_keeps_its_markup()
    {
        var token = Assert.Single(Tokens("<!here>"));

        Assert.Equal(new CommandToken(TokenKind.Special, "<!here>", 0, 7), token);
    }

    [Fact]
    public void An_unclosed_angle_bracket_is_an_error()
    {
        var result = CommandTokenizer.Tokenize("lead <@U1");

        Assert.False(result.IsSuccess);
        Assert.Equal("bad_syntax", result.Error.Code);
        Assert.Contains("`<`", result.Error.Message.ToPlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Html_entities_in_words_are_decoded()
    {
        Assert.Equal(["Q&A", "<3", ">", "&amp;"], Tokens("Q&amp;A &lt;3 &gt; &amp;amp;").Select(t => t.Text));
    }

    [Fact]
    public void Html_entities_in_quotes_are_decoded()
    {
        Assert.Equal("Tom & Jerry", Assert.Single(Tokens("\"Tom &amp; Jerry\"")).Text);
    }

    [Fact]
    public void A_mention_right_after_a_word_is_a_token_of_its_own()
    {
        var tokens = Tokens("cc<@U1>");

        Assert.Equal([TokenKind.Word, TokenKind.UserMention], tokens.Select(t => t.Kind));
        Assert.Equal((0, 2, 2, 7), (tokens[0].Start, tokens[0].End, tokens[1].Start, tokens[1].End));
    }

    [Fact]
    public void Devanagari_words_stay_whole()
    {
        Assert.Equal(["सामाजिक", "सञ्जालमा", "हानिकारक", "चुनौती"], Tokens("सामाजिक सञ्जालमा हानिकारक चुनौती").Select(t => t.Text));
    }

    [Theory]
    [InlineData("--source", "source")]
    [InlineData("--market=NP", "market=NP")]
    [InlineData("—source", "source")]
    [InlineData("–source", "source")]
    public void Double_hyphens_and_the_dashes_phones_turn_them_into_start_a_flag(string word, string name)
    {
        var token = Assert.Single(Tokens(word));

        Assert.True(token.IsFlag);
        Assert.Equal(name, token.FlagName);
    }

    [Theory]
    [InlineData("--")]
    [InlineData("—")]
    [InlineData("–")]
    [InlineData("-source")]
    [InlineData("\"--source\"")]
    public void Bare_dashes_single_hyphens_and_quoted_text_are_not_flags(string text)
    {
        Assert.False(Assert.Single(Tokens(text)).IsFlag);
    }

    [Theory]
    [InlineData("<@U1|alice>", "<@U1>")]
    [InlineData("<#C1|ops>", "<#C1>")]
    [InlineData("<https://x.example|x>", "https://x.example")]
    [InlineData("plain", "plain")]
    public void Free_text_form_normalises_references(string text, string expected)
    {
        Assert.Equal(expected, Assert.Single(Tokens(text)).AsText);
    }
}
