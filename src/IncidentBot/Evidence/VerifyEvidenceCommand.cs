using System.Text.Json;
using IncidentBot.Dialogs.Evidence;

namespace IncidentBot.Evidence;

/// <summary>
/// <c>IncidentBot verify-evidence &lt;zip&gt;</c> (<c>dotnet run --project src/IncidentBot --
/// verify-evidence export.zip</c>): checks an evidence package without starting the bot, prints
/// the verification JSON, and exits 0 when the package is valid, 1 otherwise (1 too when the
/// file cannot be opened or the arguments are wrong, with the reason on standard error).
/// </summary>
public static class VerifyEvidenceCommand
{
    public const string Name = "verify-evidence";

    private static readonly EvidenceJsonContext Json = new(new JsonSerializerOptions { WriteIndented = true });

    public static bool IsInvoked(string[] args) => args is [Name, ..];

    /// <summary>Runs the command on the console; Ctrl+C cancels it.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        return await RunAsync(args, Console.Out, Console.Error, cancel.Token);
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is not [Name, var path])
        {
            await error.WriteLineAsync($"usage: IncidentBot {Name} <evidence.zip>");
            return 1;
        }

        FileStream archive;
        try
        {
            archive = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await error.WriteLineAsync($"{Name}: cannot open {path}: {e.Message}");
            return 1;
        }
        await using (archive)
        {
            var result = await EvidenceVerifier.VerifyAsync(archive, cancellationToken);
            await output.WriteLineAsync(JsonSerializer.Serialize(result, Json.EvidenceVerification));
            return result.Valid ? 0 : 1;
        }
    }
}
