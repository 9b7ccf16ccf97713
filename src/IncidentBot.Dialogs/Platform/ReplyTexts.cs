namespace IncidentBot.Dialogs.Platform;

/// <summary>
/// The words both chat platforms answer with when a request fails outside any command's own
/// error. Each adapter adds only its rendering (Slack's <c>:x:</c>, Teams' ❌).
/// </summary>
public static class ReplyTexts
{
    public const string StoreUnavailable =
        "I could not reach the incident store just now, so nothing was changed. Please try again in a minute.";

    /// <summary>What a person sees when something broke on our side: a reference to quote, never exception text.</summary>
    public static RichText Failure(string reference) =>
        RichText.Of($"Something went wrong on our side (reference {RichText.Code(reference)}). Check with {RichText.Code("list")} before trying again; if it keeps happening, quote the reference to the bot's owners.");

    /// <summary>A short reference for <see cref="Failure"/>, logged with the exception.</summary>
    public static string NewReference() => Guid.NewGuid().ToString("N")[..12];
}
