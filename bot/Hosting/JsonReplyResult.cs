using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TrustBot.Bot.Hosting;

/// <summary>
/// A JSON response written in one synchronous step with its Content-Length, for the answers of a turn
/// (an <c>expectReplies</c> body is a few hundred bytes). <c>Results.Json</c> serialises through the async
/// streaming path and its state machines, and answers chunked; this serialises into a per-thread buffer,
/// copies it into Kestrel's output pipe without flushing, and Kestrel sends headers and body together when
/// the request ends. <paramref name="write"/>, when given, writes the value in place of the serializer (its output must
/// be the serializer's: <see cref="TrustBot.Schema.ActivityJsonWriter"/> for a turn's answers).
/// </summary>
internal sealed class JsonReplyResult<T>(T value, JsonTypeInfo<T> type, int status, Action<Utf8JsonWriter, T>? write = null) : IResult
{
    /// <summary>A buffer that grew past this (an unusually large reply) is not kept for the next request.</summary>
    private const int KeptBufferBytes = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(2048);
        // The writer's settings are the contract's, as the serializer would make them.
        var writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = type.Options.Encoder, Indented = type.Options.WriteIndented });
        try
        {
            writer.Reset(buffer);
            if (write is not null) write(writer, value);
            else JsonSerializer.Serialize(writer, value, type);
            writer.Flush();

            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = buffer.WrittenCount;
            // Written into the pipe, not flushed: Kestrel flushes once when the request completes.
            response.BodyWriter.Write(buffer.WrittenSpan);
        }
        finally
        {
            writer.Reset(Stream.Null);
            if (buffer.Capacity > KeptBufferBytes) t_buffer = null;
            else buffer.ResetWrittenCount();
        }
        return Task.CompletedTask;
    }
}
