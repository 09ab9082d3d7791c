// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Protocol;

namespace Flowr.Distributed.Tests.Protocol;

/// <summary>A <c>module</c> frame written by hand, so that its hash and bytes can be anything flowr would never send.</summary>
internal static class HandmadeModuleFrame
{
    public static void Write(FrameBuffer buffer, string sha256, string name, byte[] binary)
    {
        buffer.BeginFrame(MessageType.Module);
        var writer = new ProtocolWriter(buffer);
        writer.WriteString(sha256);
        writer.WriteString(name);
        writer.WriteVarUInt((ulong)binary.Length);
        writer.WriteBytes(binary);
        writer.WriteVarUInt(1024);       // result cap, bytes
        writer.WriteVarUInt(10_000);     // call timeout, ms
        writer.WriteVarUInt(65_536);     // memory limit, KiB
        buffer.EndFrame();
    }
}
