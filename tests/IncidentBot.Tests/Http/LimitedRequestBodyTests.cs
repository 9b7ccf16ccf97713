using IncidentBot.Http;
using Microsoft.AspNetCore.Http;

namespace IncidentBot.Tests.Http;

public sealed class LimitedRequestBodyTests
{
    private static HttpRequest Request(byte[] body, long? declaredLength)
    {
        var http = new DefaultHttpContext();
        http.Request.Body = new MemoryStream(body);
        http.Request.ContentLength = declaredLength;
        return http.Request;
    }

    [Fact]
    public async Task A_body_within_the_limit_is_read_whole()
    {
        var body = Enumerable.Range(0, 40_000).Select(i => (byte)i).ToArray();

        var read = await LimitedRequestBody.ReadAsync(Request(body, null), 40_000, CancellationToken.None);

        Assert.Equal(body, read);
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_before_reading()
    {
        var stream = new MemoryStream(new byte[10]);
        var http = new DefaultHttpContext();
        http.Request.Body = stream;
        http.Request.ContentLength = 101;

        var read = await LimitedRequestBody.ReadAsync(http.Request, 100, CancellationToken.None);

        Assert.Null(read);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public async Task A_body_without_a_length_is_refused_once_it_passes_the_limit()
    {
        var read = await LimitedRequestBody.ReadAsync(Request(new byte[40_001], null), 40_000, CancellationToken.None);

        Assert.Null(read);
    }

    [Fact]
    public async Task A_body_of_declared_length_arriving_in_small_pieces_is_read_whole()
    {
        var body = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7)).ToArray();
        var http = new DefaultHttpContext();
        http.Request.Body = new Trickle(body, 1_000);
        http.Request.ContentLength = body.Length;

        var read = await LimitedRequestBody.ReadAsync(http.Request, 100_000, CancellationToken.None);

        Assert.Equal(body, read);
    }

    [Fact]
    public async Task A_body_without_a_length_exactly_at_the_limit_is_read_whole_across_growing_buffers()
    {
        var body = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 3)).ToArray();
        var http = new DefaultHttpContext();
        http.Request.Body = new Trickle(body, 5_000);

        var read = await LimitedRequestBody.ReadAsync(http.Request, 100_000, CancellationToken.None);

        Assert.Equal(body, read);
    }

    [Fact]
    public async Task A_body_that_ends_before_its_declared_length_is_what_was_sent()
    {
        var read = await LimitedRequestBody.ReadAsync(Request([1, 2, 3], 10), 100, CancellationToken.None);

        Assert.Equal([1, 2, 3], read);
    }

    [Fact]
    public async Task An_empty_body_reads_as_no_bytes()
    {
        var read = await LimitedRequestBody.ReadAsync(Request([], 0), 100, CancellationToken.None);

        Assert.Empty(read!);
    }

    /// <summary>A body that arrives a few bytes per read, as a slow client's does.</summary>
    private sealed class Trickle(byte[] content, int piece) : MemoryStream(content)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, piece)], cancellationToken);
    }
}
