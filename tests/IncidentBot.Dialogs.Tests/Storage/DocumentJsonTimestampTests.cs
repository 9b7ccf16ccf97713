using System.Text.Json;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Tests.Storage;

/// <summary>Stored times are fixed-width UTC text, so that comparing the strings compares the instants; reading takes them back exactly.</summary>
public sealed class DocumentJsonTimestampTests
{
    private sealed record Stamped(DateTimeOffset At, DateTimeOffset? Maybe);

    [Theory]
    [InlineData("2026-12-06T06:05:16.1234567+00:00", "\"2026-12-06T06:05:16.1234567Z\"")]
    [InlineData("2026-12-06T11:50:16.0000001+05:45", "\"2026-12-06T06:05:16.0000001Z\"")] // Kathmandu
    [InlineData("0001-01-01T00:00:00+00:00", "\"0001-01-01T00:00:00.0000000Z\"")]
    [InlineData("9999-12-31T23:59:59.9999999+00:00", "\"9999-12-31T23:59:59.9999999Z\"")]
    public void A_time_is_written_as_UTC_with_seven_digits_and_read_back_as_the_same_instant(string time, string expected)
    {
        var at = DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture);
        var json = JsonSerializer.Serialize(new Stamped(at, at), DocumentJson.Options);

        Assert.Equal($"{{\"at\":{expected},\"maybe\":{expected}}}", json);
        var read = JsonSerializer.Deserialize<Stamped>(json, DocumentJson.Options)!;
        Assert.Equal(at, read.At);
        Assert.Equal(TimeSpan.Zero, read.At.Offset);
        Assert.Equal(at, read.Maybe);
    }

    [Theory]
    [InlineData("\"2026-12-06T06:05:16Z\"", "2026-12-06T06:05:16+00:00")] // fewer digits
    [InlineData("\"2026-12-06T06:05:16.5\"", "2026-12-06T06:05:16.5+00:00")] // no offset: taken as UTC
    [InlineData("\"2026-12-06T11:50:16+05:45\"", "2026-12-06T06:05:16+00:00")] // another offset
    [InlineData("\"2026-12-06T06:05:16\\u005A\"", "2026-12-06T06:05:16+00:00")] // escaped
    public void Other_forms_of_a_time_are_read_as_the_same_instant_in_UTC(string stored, string expected)
    {
        var read = JsonSerializer.Deserialize<Stamped>($"{{\"at\":{stored}}}", DocumentJson.Options)!;

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), read.At);
        Assert.Equal(TimeSpan.Zero, read.At.Offset);
        Assert.Null(read.Maybe);
    }
}
