// Copyright (c) flowr contributors. MIT licence.
using System.Buffers.Binary;
using Flowr.Runtime.Protocol;

namespace Flowr.Distributed.Tests.Protocol;

public sealed class FrameTests
{
    [Fact]
    public void A_frame_cut_at_any_byte_needs_more_data_and_then_reads_whole()
    {
        using var buffer = new FrameBuffer(8);
        ControlMessages.WriteImplementation(buffer, 3, "lib://flowstdlib/math/add");
        buffer.WriteEmptyFrame(MessageType.Heartbeat);
        byte[] bytes = buffer.WrittenSpan.ToArray();
        int firstLength = bytes.Length - ProtocolConstants.FrameHeaderSize;

        for (int cut = 0; cut < firstLength; cut++)
        {
            var status = FrameReader.TryReadFrame(bytes.AsSpan(0, cut), out _, out _, out int needed, out _);
            Assert.Equal(ReadStatus.NeedMoreData, status);
            Assert.Equal(cut < 4 ? 0 : firstLength, needed);
        }

        Assert.Equal(ReadStatus.Success, FrameReader.TryReadFrame(bytes, out var type, out var body, out int consumed, out _));
        Assert.Equal(MessageType.Implementation, type);
        Assert.Equal((3, "lib://flowstdlib/math/add"), ControlMessages.ReadImplementation(body));
        Assert.Equal(ReadStatus.Success, FrameReader.TryReadFrame(bytes.AsSpan(consumed), out type, out body, out int second, out _));
        Assert.Equal(MessageType.Heartbeat, type);
        Assert.True(body.IsEmpty);
        Assert.Equal(bytes.Length, consumed + second);
    }

    [Fact]
    public void A_frame_over_the_limit_is_malformed_before_its_body_arrives()
    {
        byte[] header = new byte[5];
        BinaryPrimitives.WriteUInt32LittleEndian(header, ProtocolConstants.MaxFrameLength + 1);
        Assert.Equal(ReadStatus.Malformed, FrameReader.TryReadFrame(header, out _, out _, out _, out string? error));
        Assert.Contains("over the limit", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0 }, "empty frame")]
    [InlineData(new byte[] { 1, 0, 0, 0, 0 }, "unknown message type 0")]
    [InlineData(new byte[] { 1, 0, 0, 0, 14 }, "unknown message type 14")]
    [InlineData(new byte[] { 1, 0, 0, 0, 200 }, "unknown message type 200")]
    public void Empty_frames_and_unknown_types_are_malformed(byte[] bytes, string reason)
    {
        Assert.Equal(ReadStatus.Malformed, FrameReader.TryReadFrame(bytes, out _, out _, out _, out string? error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_a_message_over_the_limit_throws()
    {
        using var buffer = new FrameBuffer { MaxMessageLength = 1 << 20 };
        buffer.BeginFrame(MessageType.Jobs);
        Assert.Throws<ProtocolException>(() =>
        {
            var w = new ProtocolWriter(buffer);
            w.WriteBytes(new byte[(1 << 20) + 1]);
            buffer.EndFrame();
        });
    }

    [Fact]
    public void Hello_and_welcome_round_trip()
    {
        using var buffer = new FrameBuffer();
        var nonce = new byte[ProtocolConstants.AuthSize];
        nonce[7] = 9;
        var hello = new HelloMessage(ProtocolConstants.Version, "pi-4", "Arm64", 4, 1024, ProtocolConstants.DefaultMaxMessageLength, nonce);
        hello.WriteFrame(buffer);
        var proof = new byte[ProtocolConstants.AuthSize];
        proof[0] = 1;
        new WelcomeMessage(ProtocolConstants.Version, "ab12", 1000, 64L << 20, nonce, proof).WriteFrame(buffer);
        byte[] bytes = buffer.WrittenSpan.ToArray();

        Assert.Equal(ReadStatus.Success, FrameReader.TryReadFrame(bytes, out var type, out var body, out int consumed, out _));
        Assert.Equal(MessageType.Hello, type);
        var read = HelloMessage.Read(body);
        Assert.Equal((hello.Name, hello.Architecture, hello.Threads, hello.Credit, hello.MaxMessageLength), (read.Name, read.Architecture, read.Threads, read.Credit, read.MaxMessageLength));
        Assert.Equal(nonce, read.Nonce);
        Assert.Equal(ReadStatus.Success, FrameReader.TryReadFrame(bytes.AsSpan(consumed), out type, out body, out _, out _));
        Assert.Equal(MessageType.Welcome, type);
        var welcome = WelcomeMessage.Read(body);
        Assert.Equal(("ab12", 1000), (welcome.RunId, welcome.HeartbeatMilliseconds));
        Assert.Equal(nonce, welcome.Nonce);
        Assert.Equal(proof, welcome.Proof);
        Assert.Equal(64L << 20, welcome.MaxMessageLength);
    }

    [Fact]
    public void Trailing_bytes_after_a_message_are_malformed()
    {
        using var buffer = new FrameBuffer();
        ControlMessages.WriteCredit(buffer, 5);
        byte[] body = [.. buffer.WrittenSpan[ProtocolConstants.FrameHeaderSize..], 0];
        Assert.Throws<ProtocolException>(() => ControlMessages.ReadCredit(body));
        Assert.Throws<ProtocolException>(() => ControlMessages.ReadEmpty([1]));
    }
}
