namespace IncidentBot.Slack.Inbound;

/// <summary>The verified raw body of a Slack request, kept for the handler after the filter read it.</summary>
public sealed record SlackRequestBody(byte[] Bytes, string Signature)
{
    public const int MaxBytes = 1 << 20;
}
