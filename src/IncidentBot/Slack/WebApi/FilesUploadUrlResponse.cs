namespace IncidentBot.Slack.WebApi;

internal sealed record FilesUploadUrlResponse(string UploadUrl, string FileId);
