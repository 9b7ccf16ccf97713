using System.Globalization;

namespace IncidentBot.Slack.WebApi;

/// <summary>
/// File sharing the way Slack wants it since <c>files.upload</c> was retired: ask for an upload
/// URL, send the bytes there, then complete the upload into a channel.
/// </summary>
public sealed class SlackFilesApi(SlackApiClient client)
{
    private static SlackWebApiJsonContext Json => SlackWebApiJsonContext.Default;

    /// <returns>The new file's id (<c>F…</c>).</returns>
    public async Task<string> UploadAsync(SlackFileUpload upload, CancellationToken cancellationToken)
    {
        var target = await client.PostFormAsync("files.getUploadURLExternal",
            [
                new("filename", upload.FileName),
                new("length", upload.Content.Length.ToString(CultureInfo.InvariantCulture)),
            ],
            Json.FilesUploadUrlResponse, cancellationToken);
        await client.UploadAsync(target.UploadUrl, upload.Content, cancellationToken);
        await client.PostJsonAsync("files.completeUploadExternal",
            new FilesCompleteUploadRequest([new(target.FileId, upload.Title)], upload.ChannelId, upload.InitialComment, upload.ThreadTs),
            Json.FilesCompleteUploadRequest, cancellationToken);
        return target.FileId;
    }
}
