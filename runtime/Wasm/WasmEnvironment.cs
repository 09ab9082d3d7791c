// Copyright (c) flowr contributors. MIT licence.
using System.Globalization;

namespace Flowr.Runtime.Wasm;

/// <summary>
/// <see cref="WasmOptions"/> from environment variables, for the runner and executors:
/// <c>FLOWR_WASM_RESULT_CAP</c> (bytes, 1 to 16 MiB, default 1024), <c>FLOWR_WASM_TIMEOUT_MS</c>
/// (per call, default 10000) and <c>FLOWR_WASM_MEMORY_MB</c> (per instance, default 256).
/// </summary>
public static class WasmEnvironment
{
    /// <summary>Result cap in bytes.</summary>
    public const string ResultCapVariable = "FLOWR_WASM_RESULT_CAP";

    /// <summary>Per-call time limit in milliseconds.</summary>
    public const string TimeoutVariable = "FLOWR_WASM_TIMEOUT_MS";

    /// <summary>Per-instance memory limit in MiB.</summary>
    public const string MemoryVariable = "FLOWR_WASM_MEMORY_MB";

    /// <summary>The options the environment asks for; throws <see cref="WasmException"/> naming a bad variable.</summary>
    public static WasmOptions ReadOptions()
    {
        int? cap = Read(ResultCapVariable);
        int? timeout = Read(TimeoutVariable);
        int? memory = Read(MemoryVariable);
        if (cap is null && timeout is null && memory is null) return WasmOptions.Default;
        try
        {
            return new WasmOptions
            {
                ResultCap = cap ?? WasmOptions.DefaultResultCap,
                CallTimeout = timeout is { } ms ? TimeSpan.FromMilliseconds(ms) : WasmOptions.Default.CallTimeout,
                MemoryLimitBytes = memory is { } mb ? mb * 1024L * 1024L : WasmOptions.DefaultMemoryLimitBytes,
            };
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new WasmException($"bad WASM limit in the environment: {e.Message}", e);
        }
    }

    private static int? Read(string variable)
    {
        string? text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(text)) return null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new WasmException($"{variable}='{text}' is not a whole number");
    }
}
