// Copyright (c) flowr contributors. MIT licence.
using System.Runtime.InteropServices;

namespace Flowr.Debugger.Terminal;

/// <summary>
/// The few libc calls a raw-mode terminal needs. <c>struct termios</c> is handled as bytes at Linux's
/// offsets (the same on x64 and arm64): c_iflag at 0, c_lflag at 12, c_cc at 17.
/// </summary>
internal static unsafe partial class Tty
{
    public const int TermiosSize = 64;           // sizeof(struct termios) is 60 on glibc
    private const int OpenReadWrite = 0x2, OpenNoControllingTty = 0x100, OpenCloseOnExec = 0x80000;
    private const int IFlagOffset = 0, LFlagOffset = 12, ControlCharsOffset = 17;
    private const uint InputCrToNl = 0x100, InputXonXoff = 0x400;
    private const uint LocalSignals = 0x1, LocalCanonical = 0x2, LocalEcho = 0x8, LocalExtended = 0x8000;
    private const int VTime = 5, VMin = 6;
    private const int SetNow = 0;
    private const nuint GetWindowSize = 0x5413;
    private const short PollIn = 0x1;
    private const int Interrupted = 4;           // EINTR

    /// <summary>Opens the controlling terminal; −1 when the process has none.</summary>
    public static int OpenControllingTerminal() => Open("/dev/tty", OpenReadWrite | OpenNoControllingTty | OpenCloseOnExec);

    public static bool IsTerminal(int fd) => IsATty(fd) == 1;

    public static bool TryGetAttributes(int fd, Span<byte> termios)
    {
        fixed (byte* buffer = termios) return TcGetAttr(fd, buffer) == 0;
    }

    public static void SetAttributes(int fd, ReadOnlySpan<byte> termios)
    {
        fixed (byte* buffer = termios) _ = TcSetAttr(fd, SetNow, buffer);
    }

    /// <summary>
    /// Raw input for line editing: no line buffering, no echo, Ctrl-C/Ctrl-Z and Ctrl-S/Q as plain keys,
    /// one byte per read. Output processing stays on, so '\n' still starts a new line.
    /// </summary>
    public static void MakeRaw(Span<byte> termios)
    {
        Update(termios, IFlagOffset, InputXonXoff | InputCrToNl);
        Update(termios, LFlagOffset, LocalSignals | LocalCanonical | LocalEcho | LocalExtended);
        termios[ControlCharsOffset + VMin] = 1;
        termios[ControlCharsOffset + VTime] = 0;
    }

    /// <summary>One byte; −1 when none came within <paramref name="timeoutMs"/> (−1 = wait), −2 at end of input or on error.</summary>
    public static int ReadByte(int fd, int timeoutMs)
    {
        while (true)
        {
            if (timeoutMs >= 0)
            {
                var poll = new PollFd { Fd = fd, Events = PollIn };
                int ready = Poll(&poll, 1, timeoutMs);
                if (ready == 0) return -1;
                if (ready < 0 && Marshal.GetLastPInvokeError() == Interrupted) continue;
            }
            byte value;
            nint read = Read(fd, &value, 1);
            if (read == 1) return value;
            if (read < 0 && Marshal.GetLastPInvokeError() == Interrupted) continue;
            return -2;
        }
    }

    public static void WriteAll(int fd, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* start = bytes)
        {
            int done = 0;
            while (done < bytes.Length)
            {
                nint written = Write(fd, start + done, bytes.Length - done);
                if (written > 0) done += (int)written;
                else if (written < 0 && Marshal.GetLastPInvokeError() == Interrupted) continue;
                else return;
            }
        }
    }

    /// <summary>The terminal's width in columns, or 80 when it cannot tell.</summary>
    public static int Columns(int fd)
    {
        WindowSize size;
        return IoctlWindowSize(fd, GetWindowSize, &size) == 0 && size.Columns > 0 ? size.Columns : 80;
    }

    public static void Close(int fd) => _ = CloseFd(fd);

    private static void Update(Span<byte> termios, int offset, uint clear)
    {
        uint flags = BitConverter.ToUInt32(termios[offset..]);
        BitConverter.TryWriteBytes(termios[offset..], flags & ~clear);
    }

    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    private struct WindowSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort PixelWidth;
        public ushort PixelHeight;
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int CloseFd(int fd);

    [LibraryImport("libc", EntryPoint = "isatty")]
    private static partial int IsATty(int fd);

    [LibraryImport("libc", EntryPoint = "tcgetattr")]
    private static partial int TcGetAttr(int fd, byte* termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr")]
    private static partial int TcSetAttr(int fd, int when, byte* termios);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "ioctl")]
    private static partial int IoctlWindowSize(int fd, nuint request, WindowSize* size);
}
