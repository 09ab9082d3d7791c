// Copyright (c) flowr contributors. MIT licence.
using System.Runtime.InteropServices;

namespace Flowr.Running;

/// <summary>
/// flowr's stdout: plain <c>write(2)</c> calls on file descriptor 1, like .NET's console stream,
/// except that a closed pipe (EPIPE, e.g. <c>flowr … | head -3</c> after head has exited) is
/// reported once through <see cref="Closed"/> instead of being ignored, so the run can stop. Later
/// writes are dropped. Not buffered: the flow's output is flushed line by line anyway.
/// </summary>
internal sealed partial class StandardOutputStream : Stream
{
    private const int StdoutFd = 1;
    private const int EINTR = 4;
    private const int EAGAIN = 11;
    private const int EPIPE = 32;
    private const short POLLOUT = 0x004;
    private int _closed;

    /// <summary>Raised once, on the writing thread, when the reader of stdout has gone.</summary>
    public event Action? Closed;

    /// <summary>True once a write found the reader gone.</summary>
    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override unsafe void Write(ReadOnlySpan<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            int done = 0;
            while (done < buffer.Length && !IsClosed)
            {
                nint written = WriteFd(StdoutFd, start + done, buffer.Length - done);
                if (written >= 0)
                {
                    done += (int)written;
                    continue;
                }
                int errno = Marshal.GetLastPInvokeError();
                if (errno == EINTR) continue;
                if (errno == EAGAIN)
                {
                    // stdout was left non-blocking by whoever shares it: wait until it takes more.
                    var poll = new PollFd { Fd = StdoutFd, Events = POLLOUT };
                    _ = Poll(&poll, 1, -1);
                    continue;
                }
                if (errno == EPIPE)
                {
                    if (Interlocked.Exchange(ref _closed, 1) == 0) Closed?.Invoke();
                    return;
                }
                throw new IOException($"writing to stdout failed: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
            }
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint WriteFd(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static unsafe partial int Poll(PollFd* fds, nuint count, int timeout);
}
