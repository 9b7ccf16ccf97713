using Microsoft.Extensions.Options;

namespace IncidentBot.Storage;

/// <summary>
/// Refuses a path the store could never open, so the deployment fails on boot rather than on
/// the first declare: no file name, an existing directory, or a file where a directory should be.
/// </summary>
internal sealed class StorageOptionsValidator(StorageBaseDirectory baseDirectory) : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Path))
            return ValidateOptionsResult.Skip; // [Required] reports it

        if (options.Path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            return Fail(options.Path, "contains characters a path cannot hold");

        string fullPath;
        try
        {
            fullPath = options.FullPath(baseDirectory.Value);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return Fail(options.Path, "is not a valid path");
        }

        if (string.IsNullOrEmpty(Path.GetFileName(fullPath)))
            return Fail(options.Path, "names a directory, not a file");
        if (Directory.Exists(fullPath))
            return Fail(options.Path, "is an existing directory");

        // The nearest existing ancestor must be a directory, or the store cannot create the file's.
        for (var ancestor = Path.GetDirectoryName(fullPath); ancestor is not null; ancestor = Path.GetDirectoryName(ancestor))
        {
            if (Directory.Exists(ancestor))
                return ValidateOptionsResult.Success;
            if (File.Exists(ancestor))
                return Fail(options.Path, $"lies under {ancestor}, which is a file");
        }
        return Fail(options.Path, "has no existing root");
    }

    private static ValidateOptionsResult Fail(string path, string reason) =>
        ValidateOptionsResult.Fail($"{StorageOptions.SectionName}:{nameof(StorageOptions.Path)} '{path}' {reason}.");
}
