using System.Globalization;
using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging.Schedules;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Time;

namespace IncidentBot.Dialogs.Paging.Commands;

public sealed class OverrideSyntax : ICommandSyntax
{
    public const string UsageLine = "override <team> @user <from> <to>";

    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"];

    public string Verb => "override";

    public string Usage => UsageLine;

    public string Summary => "Put someone on call for a team's rotation for a while. Times in your zone: `now`, `2026-03-01T18:00`, `2026-03-02`; the end may be a length (`8h`, `2d`).";

    public CommandScope Scope => CommandScope.Workspace;

    public int HelpOrder => 51;

    public Result<IncidentCommand> Parse(CommandArguments arguments)
    {
        var tokens = arguments.Tokens;
        if (tokens.Count < 4)
            return Error("Give the team, the person, when the override starts and when it ends.");
        if (tokens[0].Kind != TokenKind.Word)
            return Error($"{RichText.Code(tokens[0].AsText)} is not a team name.");
        if (tokens[1].Kind != TokenKind.UserMention)
        {
            return Error(tokens[1].Text.StartsWith('@')
                ? RichText.Of($"I can't tell who {RichText.Code(tokens[1].Text)} is: pick the person from the @ list so the mention turns blue.")
                : RichText.Of($"{RichText.Code(tokens[1].AsText)} is not a mention of a person."));
        }
        var rest = tokens.Skip(2).Select(t => t.Text).ToList();
        // `2026-03-01 18:00` arrives as two words.
        for (var i = 0; i + 1 < rest.Count; i++)
        {
            if (rest[i].Length == 10 && TimeOnly.TryParseExact(rest[i + 1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                rest[i] += " " + rest[i + 1];
                rest.RemoveAt(i + 1);
            }
        }
        if (rest.Count != 2)
            return Error($"Give exactly a start and an end, e.g. {RichText.Code("now 8h")} or {RichText.Code("2026-03-01T18:00 2026-03-02T08:00")}.");
        var from = ParseTime(rest[0], allowLength: false);
        if (from is null)
            return Error($"{RichText.Code(rest[0])} is not a start: use {RichText.Code("now")}, {RichText.Code("2026-03-01T18:00")} or {RichText.Code("2026-03-01")}.");
        var to = ParseTime(rest[1], allowLength: true);
        if (to is null)
            return Error($"{RichText.Code(rest[1])} is not an end: use {RichText.Code("2026-03-02T08:00")}, {RichText.Code("2026-03-02")}, or a length such as {DurationText.ScheduleExamples}.");
        return new OverrideCommand(tokens[0].Text, new UserId(tokens[1].Text), from, to);
    }

    private static OverrideTime? ParseTime(string text, bool allowLength)
    {
        if (!allowLength && text.Equals("now", StringComparison.OrdinalIgnoreCase))
            return OverrideTime.Now;
        if (DateTime.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return new OverrideTime { Local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified) };
        if (allowLength && DurationText.TryParse(text.TrimStart('+'), out var length))
            return new OverrideTime { After = length };
        return null;
    }

    private static UserError Error(RichTextBuilder message) => new("bad_syntax", RichText.Of(message), UsageLine);


    private static UserError Error(RichText message) => new("bad_syntax", message, UsageLine);


    private static UserError Error(string words) => Error(RichText.Text(words));
}
