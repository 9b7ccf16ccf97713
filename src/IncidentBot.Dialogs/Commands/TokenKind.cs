namespace IncidentBot.Dialogs.Commands;

public enum TokenKind
{
    Word,
    Quoted,
    /// <summary><c>&lt;@U123|name&gt;</c>; the token text is the user id.</summary>
    UserMention,
    /// <summary><c>&lt;#C123|name&gt;</c>; the token text is the channel id.</summary>
    ChannelMention,
    /// <summary><c>&lt;https://…|label&gt;</c>; the token text is the URL.</summary>
    Link,
    /// <summary><c>&lt;!here&gt;</c> and the like; the token text is the raw markup.</summary>
    Special,
}
