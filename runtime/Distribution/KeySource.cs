// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Protocol;

namespace Flowr.Runtime.Distribution;

/// <summary>
/// Where flowr and flowrex find the pre-shared key: <c>--key-file</c>, else the <c>FLOWR_KEY</c> environment
/// variable, else <c>~/.config/flowr/key</c> when it exists. A key file must be readable by its owner only.
/// </summary>
public static class KeySource
{
    /// <summary>The key file used when neither <c>--key-file</c> nor <c>FLOWR_KEY</c> is given.</summary>
    public static string DefaultKeyFile =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "flowr", "key");

    private const int MaxKeyFileBytes = 4096;

    /// <summary>The key, or null when none is configured; throws <see cref="ArgumentException"/> with a reason for a bad one.</summary>
    public static PresharedKey? Load(string? keyFile)
    {
        if (keyFile is not null) return FromFile(keyFile);
        if (Environment.GetEnvironmentVariable(JobServiceOptions.KeyEnvironmentVariable) is { Length: > 0 } secret)
        {
            return PresharedKey.FromSecret(secret, JobServiceOptions.KeyEnvironmentVariable);
        }
        string fallback = DefaultKeyFile;
        return File.Exists(fallback) ? FromFile(fallback) : null;
    }

    private static PresharedKey FromFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new ArgumentException($"key file '{path}' does not exist");
        if (info.Length > MaxKeyFileBytes) throw new ArgumentException($"key file '{path}' is {info.Length} bytes; a key file holds one key of a few dozen characters");
        var mode = OperatingSystem.IsWindows() ? UnixFileMode.UserRead : File.GetUnixFileMode(path);
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if ((mode & others) != 0)
        {
            throw new ArgumentException($"key file '{path}' can be read by other users (mode {Convert.ToString((int)mode, 8)}); make it private with `chmod 600 {path}`");
        }
        return PresharedKey.FromSecret(File.ReadAllText(path), $"key file '{path}'");
    }
}
