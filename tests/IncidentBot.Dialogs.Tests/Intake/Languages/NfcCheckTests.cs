using System.Text;
using IncidentBot.Dialogs.Intake.Languages;

namespace IncidentBot.Dialogs.Tests.Intake.Languages;

public sealed class NfcCheckTests
{
    [Fact]
    public void Every_text_it_vouches_for_is_nfc()
    {
        // Every BMP character alone, and after Devanagari consonants, a virama and a Latin letter,
        // where a combining mark would compose or reorder.
        for (var c = 0; c <= 0xFFFF; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF)
                continue;
            foreach (var text in new[] { ((char)c).ToString(), "क" + (char)c, "न" + (char)c, "र" + (char)c, "ळ" + (char)c, "e" + (char)c, "क्" + (char)c, "ड\u093C" + (char)c })
            {
                if (NfcCheck.IsSurelyNormalized(text))
                    Assert.True(text.IsNormalized(NormalizationForm.FormC), $"U+{c:X4} in \"{text}\"");
            }
        }
    }

    [Fact]
    public void Vouches_for_ordinary_reports_and_emoji_so_they_skip_the_allocating_check()
    {
        Assert.All(LabelledReports.All, r => Assert.True(NfcCheck.IsSurelyNormalized(r.Text), r.Text));
    }

    [Theory]
    [InlineData("\u095C")] // precomposed ड़: NFC decomposes it
    [InlineData("न\u093C")] // न + nukta: NFC composes it to ऩ
    [InlineData("e\u0301")] // e + combining acute: NFC composes it to é
    [InlineData("\u2000")] // en quad: NFC replaces it with an en space
    public void Does_not_vouch_for_what_nfc_would_change(string text)
    {
        Assert.False(NfcCheck.IsSurelyNormalized(text));
    }
}
