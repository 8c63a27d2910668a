using System.Buffers;

namespace TrustBot.Bot.Hosting;

/// <summary>Reads a request body without ever holding more than the limit (Content-Length can be absent or wrong).</summary>
internal static class LimitedBody
{
    /// <summary>Turns the bytes of a whole body into a value; the span is only valid during the call.</summary>
    public delegate T Parser<out T>(ReadOnlySpan<byte> body);

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var (fits, body) = await ReadAsync(request, limit, static bytes => bytes.ToArray(), cancellationToken).ConfigureAwait(false);
        return fits ? body : null;
    }

    /// <summary>
    /// Parses the whole body straight from the server's own buffers: nothing is copied or allocated for a body
    /// that arrived in one buffer (a channel's activity almost always does), and a body split over several is
    /// copied once into a pooled array. <c>Fits</c> is false, without parsing, when the body is longer than
    /// <paramref name="limit"/> bytes; reading stops as soon as that is known.
    /// </summary>
    public static async Task<(bool Fits, T? Value)> ReadAsync<T>(HttpRequest request, int limit, Parser<T> parse, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return (false, default);
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            if (buffer.Length > limit)
            {
                reader.AdvanceTo(buffer.End);
                return (false, default);
            }
            if (read.IsCompleted)
            {
                try
                {
                    return (true, Parse(buffer, parse));
                }
                finally
                {
                    reader.AdvanceTo(buffer.End);
                }
            }
            // Nothing consumed yet: the next read returns the whole body so far plus what arrived.
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static T Parse<T>(in ReadOnlySequence<byte> body, Parser<T> parse)
    {
        if (body.IsSingleSegment) return parse(body.FirstSpan);
        var length = (int)body.Length;
        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(copy);
            return parse(copy.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }
}
