using IncidentBot.Storage.Embedded;

namespace IncidentBot.Tests.Storage;

/// <summary>The URI the store's writer opens its file by: the same file, whatever its path holds, through the log's VFS.</summary>
public sealed class LogWriteCoalescingUriTests
{
    [Theory]
    [InlineData("/data/incidentbot.db", "file:///data/incidentbot.db?vfs=incidentbot-log")]
    [InlineData("/data/a b?c#d%e.db", "file:///data/a b%3fc%23d%25e.db?vfs=incidentbot-log")]
    [InlineData("//data/x.db", "file:////data/x.db?vfs=incidentbot-log")]
    public void Escapes_what_a_URI_reserves_after_an_empty_authority(string path, string expected)
    {
        Assert.Equal(expected, LogWriteCoalescing.UriFor(path));
    }

    [Theory]
    [InlineData("data/incidentbot.db")]
    [InlineData("")]
    public void Refuses_a_path_that_is_not_absolute(string path)
    {
        Assert.ThrowsAny<ArgumentException>(() => LogWriteCoalescing.UriFor(path));
    }
}
