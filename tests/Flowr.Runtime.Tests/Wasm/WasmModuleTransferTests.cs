// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Protocol;
using Flowr.Runtime.Values;
using Flowr.Runtime.Wasm;

namespace Flowr.Runtime.Tests.Wasm;

/// <summary>Module shipping: the <c>module</c> frame, hash verification and the executor's store.</summary>
public sealed class WasmModuleTransferTests
{
    private static readonly Value[] OneInput = [Value.FromInt64(5)];

    private static byte[] FrameBody(Action<FrameBuffer> write, out MessageType type)
    {
        using var buffer = new FrameBuffer();
        write(buffer);
        var frame = buffer.WrittenSpan;
        Assert.Equal(frame.Length - 4, BitConverter.ToInt32(frame[..4]));
        type = (MessageType)frame[4];
        return frame[5..].ToArray();
    }

    // A module frame written by hand, so that hash and bytes (or limits) can be anything.
    private static byte[] HandmadeBody(string sha256, string name, byte[] binary, ulong resultCap = 1024, ulong timeoutMs = 10_000, ulong memoryKiB = 65536)
    {
        using var buffer = new FrameBuffer();
        buffer.BeginFrame(WasmModuleTransfer.ModuleMessage);
        var writer = new ProtocolWriter(buffer);
        writer.WriteString(sha256);
        writer.WriteString(name);
        writer.WriteVarUInt((ulong)binary.Length);
        writer.WriteBytes(binary);
        writer.WriteVarUInt(resultCap);
        writer.WriteVarUInt(timeoutMs);
        writer.WriteVarUInt(memoryKiB);
        buffer.EndFrame();
        return buffer.WrittenSpan[5..].ToArray();
    }

    [Fact]
    public void A_module_frame_carries_hash_name_binary_and_limits()
    {
        var module = WasmModule.FromText("echo.wat", WatModules.Echo);
        var limits = new WasmOptions { ResultCap = 4096, CallTimeout = TimeSpan.FromMilliseconds(300), MemoryLimitBytes = 2 * 1024 * 1024 };
        byte[] body = FrameBody(buffer => WasmModuleTransfer.WriteModule(buffer, module, limits), out var type);
        var (sha256, name, binary, read) = WasmModuleTransfer.ReadModule(body);

        Assert.Equal(WasmModuleTransfer.ModuleMessage, type);
        Assert.Equal((module.Sha256, "echo.wat"), (sha256, name));
        Assert.Equal(module.Binary, binary);
        Assert.Equal("wasm://sha256/" + module.Sha256, WasmModuleTransfer.UrlFor(module));
        Assert.Equal((4096, TimeSpan.FromMilliseconds(300), 2L * 1024 * 1024), (read.ResultCap, read.CallTimeout, read.MemoryLimitBytes));
    }

    [Fact]
    public void A_shipped_module_runs_with_the_limits_that_came_with_it()
    {
        // 2,000 bytes: over the default cap of 1,024, under the 4,096 the coordinator sends.
        string big = "\"" + new string('x', 1990) + "\"";
        var module = WasmModule.FromText("big.wat", WatModules.Constant("{\"Ok\":[" + big + ",false]}"));
        var store = new WasmModuleStore();

        store.Accept(HandmadeBody(module.Sha256, "big.wat", module.Binary, resultCap: 4096));
        var outcome = store.Resolve(WasmModuleTransfer.UrlFor(module))!.Run(OneInput);

        Assert.False(outcome.IsError, outcome.Error);
        Assert.Equal(big, ValueJson.ToCompactString(outcome.Output));
    }

    [Fact]
    public void Disposing_the_store_releases_the_instances_of_its_functions()
    {
        var module = WasmModule.FromText("echo.wat", WatModules.Echo);
        var store = new WasmModuleStore();
        store.Accept(HandmadeBody(module.Sha256, "echo.wat", module.Binary));
        var function = store.Resolve(WasmModuleTransfer.UrlFor(module))!;
        Assert.False(function.Run(OneInput).IsError);

        store.Dispose();

        Assert.Throws<ObjectDisposedException>(() => function.Run(OneInput));
    }

    [Fact]
    public void A_refusing_store_checks_the_frame_but_runs_nothing()
    {
        var module = WasmModule.FromText("echo.wat", WatModules.Echo);
        var store = WasmModuleStore.Refusing("no WebAssembly here");

        store.Accept(HandmadeBody(module.Sha256, "echo.wat", module.Binary));
        var function = store.Resolve(WasmModuleTransfer.UrlFor(module));

        var unavailable = Assert.IsType<UnavailableImplementation>(function);
        Assert.Equal("module 'echo.wat': no WebAssembly here", unavailable.Reason);
        Assert.Throws<ProtocolException>(() => store.Accept(HandmadeBody("short", "x", [0, 1])));
    }

    [Fact]
    public void A_shipped_module_runs_on_the_executor()
    {
        var module = WasmModule.FromText("echo.wat", WatModules.Echo);
        var store = new WasmModuleStore();

        store.Accept(FrameBody(buffer => WasmModuleTransfer.WriteModule(buffer, module, WasmOptions.Default), out _));
        var function = store.Resolve(WasmModuleTransfer.UrlFor(module));

        Assert.NotNull(function);
        Assert.Equal("[5]", ValueJson.ToCompactString(function.Run(OneInput).Output));
    }

    [Fact]
    public void Bytes_that_do_not_match_the_hash_fail_every_job_with_the_reason()
    {
        var module = WasmModule.FromText("echo.wat", WatModules.Echo);
        byte[] tampered = [.. module.Binary];
        tampered[^1] ^= 1;
        var store = new WasmModuleStore();

        store.Accept(HandmadeBody(module.Sha256, "echo.wat", tampered));
        var outcome = store.Resolve(WasmModuleTransfer.UrlFor(module))!.Run(OneInput);

        Assert.True(outcome.IsError);
        Assert.Contains($"module 'echo.wat' arrived with SHA-256 {WasmModule.HashOf(tampered)}, not the announced {module.Sha256}", outcome.Error,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_module_that_does_not_load_fails_every_job_with_the_reason()
    {
        byte[] garbage = "not a module"u8.ToArray();
        string sha256 = WasmModule.HashOf(garbage);
        var store = new WasmModuleStore();

        store.Accept(HandmadeBody(sha256, "garbage.wasm", garbage));
        var outcome = store.Resolve(WasmModuleTransfer.UrlPrefix + sha256)!.Run(OneInput);

        Assert.Contains("'garbage.wasm' is not a WebAssembly module", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_module_never_sent_fails_its_jobs()
    {
        string url = WasmModuleTransfer.UrlPrefix + new string('a', 64);

        var outcome = new WasmModuleStore().Resolve(url)!.Run(OneInput);

        Assert.Equal($"module {new string('a', 64)} was never sent to this executor", outcome.Error);
    }

    [Theory]
    [InlineData("lib://flowstdlib/math/add")]
    [InlineData("wasm://sha256/abc")]
    [InlineData("wasm://sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Other_urls_are_not_the_stores(string url) => Assert.Null(new WasmModuleStore().Resolve(url));

    [Fact]
    public void A_malformed_module_frame_is_a_protocol_error()
    {
        byte[] body = HandmadeBody("short", "x", [0, 1]);

        Assert.Throws<ProtocolException>(() => new WasmModuleStore().Accept(body));
        Assert.Throws<ProtocolException>(() => WasmModuleTransfer.ReadModule(body.AsSpan(0, body.Length - 1)));
    }

    // Module frames under made-up hashes: refused for their bytes, so nothing is compiled, but counted.
    private static byte[] Numbered(int n, int length = 3) => HandmadeBody(n.ToString("x64"), $"m{n}.wasm", new byte[length]);

    [Fact]
    public void A_connection_may_send_only_so_many_modules()
    {
        var store = new WasmModuleStore();
        for (int n = 0; n < WasmModuleStore.MaxModules; n++) store.Accept(Numbered(n));

        store.Accept(Numbered(0));   // the same module again is no new one
        var error = Assert.Throws<ProtocolException>(() => store.Accept(Numbered(WasmModuleStore.MaxModules)));
        Assert.Equal($"more than {WasmModuleStore.MaxModules} modules on one connection", error.Message);
        Assert.IsType<UnavailableImplementation>(store.Resolve("wasm://sha256/" + 0.ToString("x64")));
    }

    [Fact]
    public void A_connection_may_send_only_so_many_module_bytes()
    {
        var store = new WasmModuleStore(WasmCaps.Default, maxModules: 100, maxBytes: 2 * 1024 * 1024);
        store.Accept(Numbered(1, 1024 * 1024));
        store.Accept(Numbered(2, 1024 * 1024));
        store.Accept(Numbered(2, 1024 * 1024));

        var error = Assert.Throws<ProtocolException>(() => store.Accept(Numbered(3, 1)));
        Assert.Equal("more than 2 MiB of modules on one connection", error.Message);
    }

    [Fact]
    public void A_refusing_store_counts_modules_too()
    {
        var store = WasmModuleStore.Refusing("no WebAssembly here");
        for (int n = 0; n < WasmModuleStore.MaxModules; n++) store.Accept(Numbered(n));

        Assert.Throws<ProtocolException>(() => store.Accept(Numbered(WasmModuleStore.MaxModules)));
    }

    [Theory]
    [InlineData(0UL, 10_000UL, 65536UL)]
    [InlineData(16UL * 1024 * 1024 + 1, 10_000UL, 65536UL)]
    [InlineData(1024UL, 0UL, 65536UL)]
    [InlineData(1024UL, 10_000UL, 63UL)]
    [InlineData(1024UL, 10_000UL, 4UL * 1024 * 1024 + 1)]
    public void Limits_out_of_range_make_the_frame_malformed(ulong resultCap, ulong timeoutMs, ulong memoryKiB)
    {
        var module = WasmModule.FromText("echo.wat", WatModules.Echo);

        var error = Assert.Throws<ProtocolException>(() =>
            WasmModuleTransfer.ReadModule(HandmadeBody(module.Sha256, "echo.wat", module.Binary, resultCap, timeoutMs, memoryKiB)));
        Assert.Contains("out of range", error.Message, StringComparison.Ordinal);
    }
}
