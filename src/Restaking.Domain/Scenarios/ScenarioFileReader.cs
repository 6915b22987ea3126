using System.Runtime.InteropServices;
using System.Text;

namespace Restaking.Domain.Scenarios;

/// <summary>
/// Reads a scenario file's text, failing closed before reading anything unbounded: only a regular file (not a directory,
/// device such as /dev/zero, FIFO or socket, which would block or never end), at most a size limit (docs/limits.md),
/// strictly UTF-8 (an invalid byte is an error, not a silent U+FFFD).
/// </summary>
public static class ScenarioFileReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? Read(string path, long maxBytes, out string rule, out string message)
    {
        rule = message = "";
        if (path.Length == 0) return Fail(ScenarioRule.FileNotFound, "the file name is empty", out rule, out message);
        if (Directory.Exists(path)) return Fail(ScenarioRule.NotAFile, "is a directory, not a scenario file", out rule, out message);
        if (!File.Exists(path)) return Fail(ScenarioRule.FileNotFound, "file not found", out rule, out message);
        if (FileType.Of(path) is { } type && type != FileType.Regular)
            return Fail(ScenarioRule.NotAFile, $"is a {FileType.Describe(type)}, not a regular file: scenarios are read from regular files", out rule, out message);
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            if (stream.CanSeek && stream.Length > maxBytes) return TooLarge(stream.Length, maxBytes, out rule, out message);
            // Read at most one byte past the limit whatever the length said (a file growing, a /proc file reporting 0).
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int n;
            while ((n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length))) > 0)
            {
                buffer.Write(chunk, 0, n);
                if (buffer.Length > maxBytes) return TooLarge(null, maxBytes, out rule, out message);
            }
            bytes = buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return Fail(ScenarioRule.FileUnreadable, $"cannot read the file: {e.Message}", out rule, out message);
        }
        int start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return Fail(ScenarioRule.Encoding, "is UTF-16 (byte order mark): scenario files are UTF-8", out rule, out message);
        try
        {
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            var at = e.Index >= 0 ? $" at byte {start + e.Index + 1}" : "";
            return Fail(ScenarioRule.Encoding, $"is not valid UTF-8{at}: scenario files are UTF-8", out rule, out message);
        }
    }

    private static string? TooLarge(long? size, long maxBytes, out string rule, out string message) =>
        Fail(ScenarioRule.FileTooLarge, (size is { } s ? $"is {s:N0} bytes" : "is larger than the limit") +
            $", over the {maxBytes:N0}-byte limit (raise it with --max-file-mib; docs/limits.md)", out rule, out message);

    private static string? Fail(string r, string m, out string rule, out string message)
    {
        rule = r;
        message = m;
        return null;
    }

    /// <summary>A path's file type without opening it (opening a FIFO blocks until a writer comes). Unix only: the runtime's
    /// own stat (System.Native, whose FileStatus.Mode carries S_IFMT in portable values); null where unavailable (Windows has none of these files).</summary>
    private static class FileType
    {
        public const int Regular = 0x8000;
        private const int Mask = 0xF000;

        public static int? Of(string path)
        {
            if (OperatingSystem.IsWindows()) return null;
            try
            {
                // FileStatus: int Flags, int Mode, ... (src/native/libs/System.Native/pal_io.h); the buffer is larger than the struct.
                var status = new byte[256];
                return Stat(path, status) == 0 ? BitConverter.ToInt32(status, 4) & Mask : null;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return null;   // the size cap while reading still bounds what is read
            }
        }

        public static string Describe(int type) => type switch
        {
            0x1000 => "FIFO",
            0x2000 => "character device",
            0x6000 => "block device",
            0xC000 => "socket",
            0x4000 => "directory",
            _ => "special file",
        };

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
        private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] status);
    }
}
