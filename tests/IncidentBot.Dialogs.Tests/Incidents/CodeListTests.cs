using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Tests.Incidents;

public sealed class CodeListTests
{
    [Theory]
    [InlineData("NP")]
    [InlineData("IN")]
    [InlineData("BD")]
    [InlineData("np")]
    public void Country_codes_are_markets(string code)
    {
        Assert.Equal([code.ToUpperInvariant()], MarketCodes.ParseList(code).Value);
    }

    [Theory]
    [InlineData("XX1")]
    [InlineData("ZZ")]
    [InlineData("NPL")]
    [InlineData("Nepal")]
    public void Other_words_are_not_markets(string code)
    {
        var result = MarketCodes.ParseList(code);

        Assert.Equal("bad_market", result.Error?.Code);
        Assert.Equal($"`{code}` is not a known market code. Markets are ISO 3166-1 country codes such as NP, IN or BD.", result.Error?.Message.ToPlainText());
    }

    [Theory]
    [InlineData("ne")]
    [InlineData("bho")]
    [InlineData("mai")]
    [InlineData("hi")]
    [InlineData("en")]
    [InlineData("NE")]
    public void Iso_639_codes_are_languages(string code)
    {
        Assert.Equal([code.ToLowerInvariant()], LanguageCodes.ParseList(code).Value);
    }

    [Theory]
    [InlineData("english")]
    [InlineData("qqq")]
    [InlineData("nepali")]
    [InlineData("x")]
    public void Other_words_are_not_languages(string code)
    {
        var result = LanguageCodes.ParseList(code);

        Assert.Equal("bad_language", result.Error?.Code);
        Assert.StartsWith($"`{code}` is not a known language code. Languages are ISO 639 codes", result.Error?.Message.ToPlainText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NP,IN")]
    [InlineData("NP, IN")]
    [InlineData("NP;IN")]
    [InlineData("NP IN")]
    [InlineData(" ,NP,,IN, ")]
    [InlineData("NP,np,IN,in")]
    public void A_list_is_split_on_commas_semicolons_and_spaces_and_deduplicated_in_order(string text)
    {
        Assert.Equal(["NP", "IN"], MarketCodes.ParseList(text).Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" , ; ")]
    public void A_list_without_codes_asks_for_one(string text)
    {
        var result = LanguageCodes.ParseList(text);

        Assert.Equal("missing_language", result.Error?.Code);
        Assert.StartsWith("Give at least one language code.", result.Error?.Message.ToPlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_market_is_described_with_its_country_name()
    {
        Assert.Equal("NP (Nepal)", MarketCodes.Describe("NP"));
    }

    [Fact]
    public void A_language_is_described_with_its_name()
    {
        Assert.Equal("bho (Bhojpuri)", LanguageCodes.Describe("bho"));
    }

    [Fact]
    public void An_unknown_code_is_described_as_itself()
    {
        Assert.Equal("ZZ", MarketCodes.Describe("ZZ"));
    }
}
