namespace ServerlessGov.Functions.Subjects.Import;

/// <summary>
/// Reads a stream line by line as UTF-8 bytes, knowing the byte offset after each line, so an import can checkpoint
/// "everything before this offset is done" and resume by seeking there. Holds one buffer, never the file.
/// </summary>
internal sealed class LineReader
{
    private const int MaxLineBytes = 16 * 1024 * 1024;
    private readonly Stream _stream;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _eof;

    public LineReader(Stream stream, long offset)
    {
        _stream = stream;
        Offset = offset;
    }

    /// <summary>The byte offset of the first byte not yet returned.</summary>
    public long Offset { get; private set; }

    /// <summary>The next line without its line ending, valid until the next call; null at the end of the stream.</summary>
    /// <exception cref="InvalidDataException">A line is longer than 16 MiB.</exception>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var searched = 0;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start + searched, _end - _start - searched);
            if (newline >= 0)
            {
                return Take(newline - _start, newline - _start + 1);
            }

            searched = _end - _start;
            if (_eof)
            {
                // Not a conditional expression: its null would become an empty ReadOnlyMemory (via the array conversion), not "no line".
                if (_end == _start)
                {
                    return null;
                }

                return Take(_end - _start, _end - _start);
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            else if (_end == _buffer.Length)
            {
                if (_buffer.Length >= MaxLineBytes)
                {
                    throw new InvalidDataException($"A line is longer than {MaxLineBytes} bytes.");
                }

                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            _eof = read == 0;
            _end += read;
        }
    }

    private ReadOnlyMemory<byte> Take(int length, int consumed)
    {
        var line = _buffer.AsMemory(_start, length);
        if (Offset == 0 && line.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            line = line[3..];
        }

        if (line.Length > 0 && line.Span[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        _start += consumed;
        Offset += consumed;
        return line;
    }
}
