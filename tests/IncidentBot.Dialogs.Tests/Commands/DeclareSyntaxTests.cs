using IncidentBot.Dialogs.Commands.Declare;
using IncidentBot.Dialogs.Incidents;
using static IncidentBot.Dialogs.Tests.Commands.Parsing;

namespace IncidentBot.Dialogs.Tests.Commands;

public sealed class DeclareSyntaxTests
{
    private static DeclareCommand Declare(string arguments) => Parse<DeclareCommand>("declare " + arguments);

    private static UserError DeclareFails(string arguments)
    {
        var error = Fail("declare " + arguments);
        Assert.Equal(DeclareSyntax.UsageLine, error.Usage);
        return error;
    }

    [Fact]
    public void A_title_alone_leaves_everything_else_to_the_defaults()
    {
        var command = Declare("Payments down in Nepal");

        Assert.Equal(new DeclareCommand { Title = "Payments down in Nepal" }, command with { Markets = [], Languages = [] });
        Assert.Empty(command.Markets);
        Assert.Empty(command.Languages);
    }

    [Fact]
    public void No_title_opens_the_form()
    {
        Assert.Null(Parse<DeclareCommand>("declare").Title);
    }

    [Fact]
    public void Options_without_a_title_open_the_form_prefilled()
    {
        var command = Declare("sev1 --restricted --market NP");

        Assert.Null(command.Title);
        Assert.Equal(Severity.Sev1, command.Severity);
        Assert.True(command.IsRestricted);
        Assert.Equal(["NP"], command.Markets);
    }

    [Theory]
    [InlineData("sev1", Severity.Sev1)]
    [InlineData("SEV2", Severity.Sev2)]
    [InlineData("Sev-3", Severity.Sev3)]
    [InlineData("sev4", Severity.Sev4)]
    public void A_leading_severity_sets_the_severity(string word, Severity expected)
    {
        var command = Declare($"{word} Payments down");

        Assert.Equal(expected, command.Severity);
        Assert.Equal("Payments down", command.Title);
    }

    [Theory]
    [InlineData("sev9")]
    [InlineData("sev0")]
    [InlineData("SEV-12")]
    public void A_leading_severity_out_of_range_is_an_error(string word)
    {
        var error = DeclareFails($"{word} Payments down");

        Assert.Equal($"`{word}` is not a severity: use {SeverityText.Choices}.", error.Message.ToPlainText());
    }

    [Fact]
    public void A_severity_word_after_the_first_is_part_of_the_title()
    {
        Assert.Equal("Outage sev1", Declare("Outage sev1").Title);
    }

    [Theory]
    [InlineData("--sev 2")]
    [InlineData("--severity=sev2")]
    public void The_severity_option_sets_the_severity(string option)
    {
        Assert.Equal(Severity.Sev2, Declare($"Outage {option}").Severity);
    }

    [Theory]
    [InlineData("--source regulator", IncidentSource.Regulator)]
    [InlineData("--source=partner", IncidentSource.Partner)]
    [InlineData("--src trending", IncidentSource.Trending)]
    [InlineData("--source user-report", IncidentSource.UserReport)]
    [InlineData("--source Government", IncidentSource.Regulator)]
    [InlineData("--SOURCE internal", IncidentSource.Internal)]
    [InlineData("—source regulator", IncidentSource.Regulator)]
    [InlineData("–source partner", IncidentSource.Partner)]
    [InlineData("—source=trending", IncidentSource.Trending)]
    public void The_source_option_sets_the_source(string option, IncidentSource expected)
    {
        var command = Declare($"Outage {option}");

        Assert.Equal(expected, command.Source);
        Assert.Equal("Outage", command.Title);
    }

    [Fact]
    public void An_unknown_source_is_an_error_listing_the_choices()
    {
        var error = DeclareFails("Outage --source twitter");

        Assert.Equal("bad_declare", error.Code);
        Assert.Equal($"`twitter` is not a source: use {IncidentSourceText.Choices}.", error.Message.ToPlainText());
    }

    [Theory]
    [InlineData("--market NP,IN", new[] { "NP", "IN" })]
    [InlineData("--market np,in", new[] { "NP", "IN" })]
    [InlineData("--markets NP;IN", new[] { "NP", "IN" })]
    [InlineData("--market=NP,IN", new[] { "NP", "IN" })]
    [InlineData("--market NP,np,IN,NP", new[] { "NP", "IN" })]
    [InlineData("--market NP --market IN,NP", new[] { "NP", "IN" })]
    [InlineData("--market NP, IN", new[] { "NP", "IN" })]
    [InlineData("--market NP ,IN", new[] { "NP", "IN" })]
    [InlineData("—market BD", new[] { "BD" })]
    public void The_market_option_reads_a_list_of_country_codes(string option, string[] expected)
    {
        var command = Declare($"Outage {option}");

        Assert.Equal(expected, command.Markets);
        Assert.Equal("Outage", command.Title);
    }

    [Theory]
    [InlineData("XX1")]
    [InlineData("ZZ")]
    [InlineData("Nepal")]
    public void An_unknown_market_is_named_in_the_error(string market)
    {
        var error = DeclareFails($"Outage --market NP,{market}");

        Assert.Equal("bad_market", error.Code);
        Assert.StartsWith($"`{market}` is not a known market code.", error.Message.ToPlainText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--lang ne,bho", new[] { "ne", "bho" })]
    [InlineData("--lang NE,BHO", new[] { "ne", "bho" })]
    [InlineData("--languages mai,hi,en", new[] { "mai", "hi", "en" })]
    [InlineData("--language=ne,ne,NE", new[] { "ne" })]
    [InlineData("--langs ne --lang bho,ne", new[] { "ne", "bho" })]
    [InlineData("--lang ne, bho", new[] { "ne", "bho" })]
    public void The_language_option_reads_a_list_of_language_codes(string option, string[] expected)
    {
        var command = Declare($"Outage {option}");

        Assert.Equal(expected, command.Languages);
        Assert.Equal("Outage", command.Title);
    }

    [Theory]
    [InlineData("english")]
    [InlineData("qqq")]
    public void An_unknown_language_is_named_in_the_error(string language)
    {
        var error = DeclareFails($"Outage --lang {language}");

        Assert.Equal("bad_language", error.Code);
        Assert.StartsWith($"`{language}` is not a known language code.", error.Message.ToPlainText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--restricted")]
    [InlineData("--private")]
    [InlineData("—restricted")]
    [InlineData("--RESTRICTED")]
    public void The_restricted_option_restricts_the_incident(string option)
    {
        var command = Declare($"Minor at risk {option}");

        Assert.True(command.IsRestricted);
        Assert.Equal("Minor at risk", command.Title);
    }

    [Theory]
    [InlineData("--description \"Spreading since 09:00\"")]
    [InlineData("--desc=“Spreading since 09:00”")]
    public void The_description_option_sets_the_description(string option)
    {
        Assert.Equal("Spreading since 09:00", Declare($"Outage {option}").Description);
    }

    [Fact]
    public void Title_words_can_come_before_and_after_options()
    {
        Assert.Equal("Payments down in Nepal", Declare("Payments --source partner down --market NP in Nepal").Title);
    }

    [Theory]
    [InlineData("\"Payments: down -- again\"", "Payments: down -- again")]
    [InlineData("“Payments down” --source partner", "Payments down")]
    [InlineData("sev2 «Payments down»", "Payments down")]
    public void A_quoted_title_is_taken_as_is(string arguments, string title)
    {
        Assert.Equal(title, Declare(arguments).Title);
    }

    [Fact]
    public void A_lone_dash_in_the_title_is_not_an_option()
    {
        Assert.Equal("Payments — checkout down – again", Declare("Payments — checkout down – again").Title);
    }

    [Fact]
    public void A_devanagari_title_is_kept_whole()
    {
        Assert.Equal("सामाजिक सञ्जालमा हानिकारक चुनौती", Declare("sev2 सामाजिक सञ्जालमा हानिकारक चुनौती --lang ne").Title);
    }

    [Fact]
    public void Mentions_in_the_title_are_normalised()
    {
        Assert.Equal("Threats against <@U1> in <#C2>", Declare("Threats against <@U1|alice> in <#C2|general>").Title);
    }

    [Fact]
    public void A_link_in_the_title_becomes_its_url()
    {
        Assert.Equal("Phishing at https://evil.example/login", Declare("Phishing at <https://evil.example/login|evil.example/login>").Title);
    }

    [Fact]
    public void Html_entities_in_the_title_are_decoded()
    {
        Assert.Equal("Q&A page <broken>", Declare("Q&amp;A page &lt;broken&gt;").Title);
    }

    [Fact]
    public void A_title_of_the_maximum_length_is_accepted()
    {
        var title = new string('x', DeclareFormValidator.MaxTitleLength);

        Assert.Equal(title, Declare(title).Title);
    }

    [Fact]
    public void An_over_long_title_is_an_error_giving_its_length()
    {
        var error = DeclareFails(new string('x', DeclareFormValidator.MaxTitleLength + 1));

        Assert.Equal("The title is 151 characters; keep it under 150 and add details with --description.", error.Message.ToPlainText());
    }

    [Theory]
    [InlineData("Outage --source", "--source")]
    [InlineData("Outage --market --restricted", "--market")]
    [InlineData("Outage --lang=", "--lang")]
    [InlineData("Outage --source=", "--source")]
    [InlineData("Outage —desc", "--desc")]
    public void An_option_without_its_value_is_an_error(string arguments, string option)
    {
        Assert.Equal($"`{option}` needs a value.", DeclareFails(arguments).Message.ToPlainText());
    }

    [Theory]
    [InlineData("Outage --urgent")]
    [InlineData("Outage --urgent yes")]
    [InlineData("Outage --urgent --restricted")]
    [InlineData("Outage --urgent=yes")]
    public void An_unknown_option_is_an_error_naming_it(string arguments)
    {
        Assert.Equal("`--urgent` is not an option of declare.", DeclareFails(arguments).Message.ToPlainText());
    }
}
