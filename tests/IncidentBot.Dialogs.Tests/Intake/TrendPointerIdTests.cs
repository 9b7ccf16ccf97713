using System.Security.Cryptography;
using System.Text;
using IncidentBot.Dialogs.Intake;

namespace IncidentBot.Dialogs.Tests.Intake;

/// <summary>A trend's pointer is found by its id: pointers stored before must keep theirs, however the id is computed.</summary>
public sealed class TrendPointerIdTests
{
    [Theory]
    [InlineData("#nepal-flood-challenge")]
    [InlineData("url:example.org/watch?v=1")]
    [InlineData("#भोजपुरी-ट्रेंड")]
    [InlineData("")]
    public void The_id_is_trend_and_the_first_40_hex_digits_of_the_keys_SHA_256(string key) =>
        Assert.Equal(AsFirstStored(key), TrendPointer.IdFor(key));

    [Fact]
    public void A_key_longer_than_the_stack_buffer_gets_the_same_id() =>
        Assert.Equal(AsFirstStored("#" + new string('न', 300)), TrendPointer.IdFor("#" + new string('न', 300)));

    // The form the first stored pointers were given (issue 13), written out as it was.
    private static string AsFirstStored(string key) =>
        "trend-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..40].ToLowerInvariant();
}
