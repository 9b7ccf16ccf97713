using System.Globalization;

namespace IncidentBot.Slack.WebApi;

/// <summary>
/// File sharing the way Slack wants it since <c>files.upload</c> was retired: ask for an upload
/// URL, send the bytes there, then complete the upload into a channel.
/// </summary>
public sealed class SlackFilesApi(SlackApiClient client)
{
    /// <summary>Slack's limit for an image's description.</summary>
    public const int MaxAltText = 1000;

    private static SlackWebApiJsonContext Json => SlackWebApiJsonContext.Default;

    /// <returns>The new file's id (<c>F…</c>).</returns>
    public async Task<string> UploadAsync(SlackFileUpload upload, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, string>> arguments =
        [
            new("filename", upload.FileName),
            new("length", upload.Length.ToString(CultureInfo.InvariantCulture)),
        ];
        if (upload.AltText is { Length: > 0 } alt)
            arguments.Add(new("alt_txt", alt.Length <= MaxAltText ? alt : alt[..MaxAltText]));
        var target = await client.PostFormAsync("files.getUploadURLExternal", arguments,
            Json.FilesUploadUrlResponse, cancellationToken);
        if (upload.ContentStream is { } stream)
        {
            stream.Position = 0;
            await client.UploadAsync(target.UploadUrl, new StreamContent(stream) { Headers = { ContentLength = stream.Length } }, cancellationToken);
        }
        else
        {
            await client.UploadAsync(target.UploadUrl, new ReadOnlyMemoryContent(upload.Content), cancellationToken);
        }
        await client.PostJsonAsync("files.completeUploadExternal",
            new FilesCompleteUploadRequest([new(target.FileId, upload.Title)], upload.ChannelId, upload.InitialComment, upload.ThreadTs),
            Json.FilesCompleteUploadRequest, cancellationToken);
        return target.FileId;
    }
}
