using System.Runtime.CompilerServices;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Storage;

internal static class SqliteLibrarySetup
{
    // Tests open SQLite files directly as well as through the stores; configuring SQLite as the bot does before any of
    // them runs keeps this process like the bot's, whichever test runs first.
#pragma warning disable CA2255 // a test assembly's setup, not a library's
    [ModuleInitializer]
    internal static void Configure() => SqliteLibrary.EnsureConfigured();
#pragma warning restore CA2255
}
