using System.Diagnostics;

namespace TrustBot.Safety.Meaning;

/// <summary>
/// The meaning layer: MiniLM sentence embeddings and the trained <see cref="MeaningModel"/>. The model is loaded once,
/// on a background thread, when <see cref="StartLoading"/> is first called; until it is ready (or if it fails)
/// <see cref="TryScore"/> says no and the phrase rules answer alone.
/// </summary>
/// <remarks>Deliberately not disposable: the one shared instance lives as long as the process, and a dependency
/// injection container that disposed it with one host would pull the model from under every other host.</remarks>
public sealed class MiniLmMeaningClassifier : IMeaningClassifier
{
    private static readonly Lazy<MiniLmMeaningClassifier> s_shared = new(() => new MiniLmMeaningClassifier());

    private readonly Func<ITextEncoder> _createEncoder;
    private readonly Func<MeaningModel?> _loadModel;
    private readonly Lock _gate = new();
    private Task? _loading;
    private ITextEncoder? _encoder;
    private MeaningModel? _model;
    private volatile MeaningStatus _status = MeaningStatus.Loading;

    /// <summary>Creates the classifier with the embedded MiniLM model and trained weights (not loaded yet).</summary>
    public MiniLmMeaningClassifier() : this(static () => new MiniLmEncoder(), MeaningModel.LoadEmbedded)
    {
    }

    internal MiniLmMeaningClassifier(Func<ITextEncoder> createEncoder, Func<MeaningModel?> loadModel)
    {
        _createEncoder = createEncoder;
        _loadModel = loadModel;
    }

    /// <summary>The one instance of the process: the model takes seconds to load and ~100 MB, so every host shares it.</summary>
    public static MiniLmMeaningClassifier Shared => s_shared.Value;

    /// <inheritdoc />
    public MeaningStatus Status => _status;

    /// <summary>How long loading took (null until it finished, successfully or not).</summary>
    public TimeSpan? LoadTime { get; private set; }

    /// <summary>Why loading failed, for the health report (never message text).</summary>
    public string? FailureReason { get; private set; }

    /// <summary>Starts loading on a background thread, once; later calls return the same task. The task never faults.</summary>
    public Task StartLoading()
    {
        lock (_gate)
        {
            return _loading ??= Task.Run(Load);
        }
    }

    private void Load()
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var model = _loadModel() ?? throw new InvalidDataException("No trained weights are embedded in TrustBot.Safety.Meaning.");
            var encoder = _createEncoder();
            // The first call builds ONNX Runtime's execution plan; pay for it here, not on a person's turn.
            var probe = encoder.Encode(["warming up the model"], CancellationToken.None);
            if (probe.Length != 1 || probe[0].Length != model.Dimensions)
            {
                encoder.Dispose();
                throw new InvalidDataException($"The encoder returns {probe[0].Length} dimensions; the weights expect {model.Dimensions}.");
            }

            _model = model;
            _encoder = encoder;
            _status = MeaningStatus.Ready;
        }
#pragma warning disable CA1031 // Any failure to load (missing native library, broken resource) must leave the phrase rules running.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            FailureReason = ex.GetType().Name + ": " + ex.Message;
            _status = MeaningStatus.Failed;
        }
        finally
        {
            LoadTime = watch.Elapsed;
        }
    }

    /// <inheritdoc />
    public bool TryScore(string normalizedText, out MeaningScores scores)
    {
        scores = default;
        if (_status != MeaningStatus.Ready || string.IsNullOrWhiteSpace(normalizedText))
        {
            return false;
        }

        float[] embedding;
        try
        {
            // ONNX sessions may run concurrently, but the tokenizer is not documented as thread-safe; crisis-shaped
            // messages are rare enough that one at a time costs nothing.
            lock (_gate)
            {
                embedding = _encoder!.Encode([normalizedText], CancellationToken.None)[0];
            }
        }
#pragma warning disable CA1031 // The safety check must never throw; the phrase rules have already run.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }

        scores = _model!.Score(embedding, normalizedText);
        return true;
    }

    /// <summary>Embeddings for many texts at once (training and evaluation); the model must be ready.</summary>
    internal float[][] EncodeMany(IReadOnlyList<string> normalizedTexts, CancellationToken cancellationToken)
    {
        if (_status != MeaningStatus.Ready) throw new InvalidOperationException("The meaning model is not loaded.");
        var result = new float[normalizedTexts.Count][];
        const int Batch = 32;
        for (var i = 0; i < result.Length; i += Batch)
        {
            var slice = normalizedTexts.Skip(i).Take(Batch).ToArray();
            float[][] vectors;
            lock (_gate)
            {
                vectors = _encoder!.Encode(slice, cancellationToken);
            }

            vectors.CopyTo(result, i);
        }

        return result;
    }

    internal MeaningModel? Model => _model;
}
