using System.Security.Cryptography;
using System.Text;
using IncidentBot.Dialogs.Intake;

namespace IncidentBot.Dialogs.Tests.Intake;

/// <summary>A report's id is how a repeat finds it: reports stored before must keep theirs, however the id is computed.</summary>
public sealed class StoredReportIdTests
{
    [Theory]
    [InlineData("trending", "det-000001")]
    [InlineData("regulator", "MeitY/2026/कार्रवाई/17")]
    [InlineData("partner", "")]
    public void The_id_is_the_source_and_the_first_40_hex_digits_of_the_external_ids_SHA_256(string source, string externalId) =>
        Assert.Equal(AsFirstStored(source, externalId), StoredReport.IdFor(source, externalId));

    [Fact]
    public void An_external_id_longer_than_the_stack_buffer_gets_the_same_id() =>
        Assert.Equal(AsFirstStored("trending", new string('क', 400)), StoredReport.IdFor("trending", new string('क', 400)));

    // The form the first stored reports were given (issue 13), written out as it was.
    private static string AsFirstStored(string source, string externalId) =>
        $"report-{source}-{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(externalId)))[..40].ToLowerInvariant()}";
}
