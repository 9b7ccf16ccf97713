using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using IncidentBot.Dialogs.Commands.Declare;
using static IncidentBot.Dialogs.Tests.Commands.Parsing;

namespace IncidentBot.Dialogs.Tests.Commands;

public sealed class CommandParserPropertyTests
{
    /// <summary>Command-like text: verbs, flags, references, quotes and entities in any order, plus noise.</summary>
    public static class CommandText
    {
        private static readonly string[] Pieces =
        [
            "declare", "status", "sev", "lead", "comms", "scribe", "update", "note", "resolve", "close", "reopen", "cancel",
            "help", "list", "show", "INC-3", "inc-0", "INC-x", "sev1", "sev9", "me", "all", "mitigated", "declared",
            "--source", "--source=", "—market", "–lang", "--market=NP,", "IN", "ne,bho", "--restricted", "--desc=\"", "--",
            "<@U1|alice>", "<@U2>", "<#C1|ops>", "<https://x.example|x>", "<!here>", "<", ">", "\"", "“", "”", "«", "»",
            "&amp;", "&lt;", "&gt;", "सामाजिक", "चुनौती", ",", "=", "@alice", " ", "\t", "\n",
        ];

        public static Arbitrary<string> Text() =>
            Gen.OneOf(
                    Gen.Elements(Pieces).ListOf().Select(parts => string.Join(" ", parts)),
                    Gen.Elements(Pieces).ListOf().Select(string.Concat),
                    ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => s.Get))
                .ToArbitrary();
    }

    [Property(MaxTest = 2000, Arbitrary = [typeof(CommandText)])]
    public void Any_text_parses_to_a_command_or_a_user_error(string text)
    {
        var result = Parser.Parse(text);

        if (result.IsSuccess)
            Assert.NotNull(result.Value);
        else
            Assert.False(string.IsNullOrWhiteSpace(result.Error.Message.ToPlainText()));
    }

    [Property(MaxTest = 1000, Arbitrary = [typeof(CommandText)])]
    public void A_declared_title_is_never_over_the_limit(string text)
    {
        var result = Parser.Parse("declare " + text);

        if (result.IsSuccess && result.Value is DeclareCommand { Title: { } title })
            Assert.InRange(title.Length, 1, DeclareFormValidator.MaxTitleLength);
    }
}
