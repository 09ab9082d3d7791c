// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Runtime.InteropServices;
using Flowr.Runtime.Logging;
using Microsoft.Win32.SafeHandles;

namespace Flowr.Runtime.Wasm;

/// <summary>
/// Loads Wasmtime's native library from inside the single-file binary (see <c>Wasmtime.targets</c>): the
/// executable embeds <c>libwasmtime.so</c> (or <c>libwasmtime.so.gz</c>) as a resource; on the first
/// provided function it is copied into an anonymous <c>memfd</c> and loaded from
/// <c>/proc/self/fd/N</c>. Without the resource (tests, <c>dotnet run</c>) the default probing finds
/// the package's side-by-side library.
/// </summary>
public static partial class WasmNativeLibrary
{
    /// <summary>The resource name of the uncompressed library.</summary>
    public const string ResourceName = "libwasmtime.so";

    /// <summary>The resource name of the gzip-compressed library.</summary>
    public const string CompressedResourceName = "libwasmtime.so.gz";

    private const string LibraryName = "wasmtime";
    private const uint MfdCloexec = 1;
    private static readonly Lock s_lock = new();
    private static bool s_registered;
    private static IntPtr s_handle;

    /// <summary>Where the library came from: null before the first provided function, then "embedded", "embedded (gzip)" or "default".</summary>
    public static string? Source { get; private set; }

    /// <summary>How long copying the embedded library out and loading it took (zero for the default probing).</summary>
    public static TimeSpan LoadTime { get; private set; }

    /// <summary>Installs the resolver for Wasmtime's P/Invokes; idempotent. Called before the engine is created.</summary>
    public static void EnsureRegistered()
    {
        lock (s_lock)
        {
            if (s_registered) return;
            NativeLibrary.SetDllImportResolver(typeof(Wasmtime.Engine).Assembly, Resolve);
            s_registered = true;
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != LibraryName) return IntPtr.Zero;
        lock (s_lock)
        {
            // Source is set once the first lookup decided: the embedded copy's handle, or default probing (zero).
            if (Source is not null) return s_handle;
            long started = Stopwatch.GetTimestamp();
            s_handle = LoadEmbedded(out string source);
            Source = source;
            LoadTime = s_handle == IntPtr.Zero ? TimeSpan.Zero : Stopwatch.GetElapsedTime(started);
            Log.Info($"Wasmtime loaded ({source}) in {LoadTime.TotalMilliseconds:0.0} ms");
            return s_handle;
        }
    }

    // IntPtr.Zero (default probing) when the executable carries no embedded copy.
    private static IntPtr LoadEmbedded(out string source)
    {
        var entry = Assembly.GetEntryAssembly();
        Stream? resource = entry?.GetManifestResourceStream(ResourceName);
        bool compressed = false;
        if (resource is null)
        {
            resource = entry?.GetManifestResourceStream(CompressedResourceName);
            compressed = resource is not null;
        }
        if (resource is null)
        {
            source = "default";
            return IntPtr.Zero;
        }

        int fd = MemfdCreate(LibraryName, MfdCloexec);
        if (fd < 0) throw new InvalidOperationException($"memfd_create failed (errno {Marshal.GetLastPInvokeError()}): cannot load the embedded Wasmtime library");
        using (var file = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Write, bufferSize: 0))
        {
            using (resource)
            {
                if (compressed)
                {
                    using var gzip = new GZipStream(resource, CompressionMode.Decompress);
                    gzip.CopyTo(file, 1 << 20);
                }
                else
                {
                    resource.CopyTo(file, 1 << 20);
                }
            }
            file.Flush();
            // dlopen maps the file; the descriptor may be closed afterwards.
            source = compressed ? "embedded (gzip)" : "embedded";
            return NativeLibrary.Load($"/proc/self/fd/{fd}");
        }
    }

    [LibraryImport("libc", EntryPoint = "memfd_create", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int MemfdCreate(string name, uint flags);
}
