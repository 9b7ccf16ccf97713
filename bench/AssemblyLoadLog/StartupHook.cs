using System.Diagnostics;

/// <summary>
/// Runs before the bot's Main (DOTNET_STARTUP_HOOKS needs this exact name, no namespace). Appends
/// one block per assembly load to the file named by ASSEMBLY_LOAD_LOG: elapsed ms, name, and the stack.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        var path = Environment.GetEnvironmentVariable("ASSEMBLY_LOAD_LOG");
        if (string.IsNullOrEmpty(path))
            return;
        var clock = Stopwatch.StartNew();
        var gate = new object();
        AppDomain.CurrentDomain.AssemblyLoad += (_, e) =>
        {
            var text = $"=== {clock.ElapsedMilliseconds} ms {e.LoadedAssembly.GetName().Name}{Environment.NewLine}{Environment.StackTrace}{Environment.NewLine}";
            lock (gate)
                File.AppendAllText(path, text);
        };
    }
}
