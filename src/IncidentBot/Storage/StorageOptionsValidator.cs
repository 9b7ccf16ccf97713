using Microsoft.Extensions.Options;

namespace IncidentBot.Storage;

/// <summary>
/// Refuses a path the store could never open, so the deployment fails on boot rather than on
/// the first declare: no file name, an existing directory, or a file where a directory should be.
/// Messages name the setting, never its value: whatever was pasted there may be a secret.
/// </summary>
internal sealed class StorageOptionsValidator(StorageBaseDirectory baseDirectory) : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Path))
            return ValidateOptionsResult.Skip; // [Required] reports it

        if (options.Path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            return Fail("contains characters a path cannot hold");

        string fullPath;
        try
        {
            fullPath = options.FullPath(baseDirectory.Value);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return Fail("is not a valid path");
        }

        if (string.IsNullOrEmpty(Path.GetFileName(fullPath)))
            return Fail("names a directory, not a file");
        if (Directory.Exists(fullPath))
            return Fail("is an existing directory");

        // The nearest existing ancestor must be a directory, or the store cannot create the file's.
        for (var ancestor = Path.GetDirectoryName(fullPath); ancestor is not null; ancestor = Path.GetDirectoryName(ancestor))
        {
            if (Directory.Exists(ancestor))
                return ValidateOptionsResult.Success;
            if (File.Exists(ancestor))
                return Fail("lies under a path that is a file, not a directory");
        }
        return Fail("has no existing root");
    }

    private static ValidateOptionsResult Fail(string reason) =>
        ValidateOptionsResult.Fail($"{StorageOptions.SectionName}:{nameof(StorageOptions.Path)} {reason}.");
}
