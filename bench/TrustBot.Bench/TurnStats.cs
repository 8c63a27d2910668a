using System.Text.Json;

namespace TrustBot.Bench;

/// <summary>Samples of one turn of the check-in (or of all turns together).</summary>
internal sealed class TurnStats(int turn, string input, int capacity)
{
    private readonly List<double> _micros = new(capacity);
    private readonly List<long> _allocated = new(capacity);
    private readonly List<int> _reads = new(capacity);
    private readonly List<int> _writes = new(capacity);

    public int Turn { get; } = turn;
    public string Input { get; } = input;

    public void Add(double micros, long allocatedBytes, int reads, int writes)
    {
        _micros.Add(micros);
        _allocated.Add(allocatedBytes);
        _reads.Add(reads);
        _writes.Add(writes);
    }

    public void AddAll(TurnStats other)
    {
        _micros.AddRange(other._micros);
        _allocated.AddRange(other._allocated);
        _reads.AddRange(other._reads);
        _writes.AddRange(other._writes);
    }

    public int Count => _micros.Count;
    public double Mean => _micros.Average();
    public double Median => Percentile(50);
    public double P95 => Percentile(95);
    public double MeanAllocated => _allocated.Average();
    public double MeanReads => _reads.Average();
    public int MaxReads => _reads.Max();
    public double MeanWrites => _writes.Average();
    public int MaxWrites => _writes.Max();

    /// <summary>Nearest-rank percentile, the same definition the JavaScript side uses.</summary>
    private double Percentile(double p)
    {
        var sorted = _micros.ToArray();
        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteNumber("turn", Turn);
        json.WriteString("input", Input);
        json.WriteNumber("samples", Count);
        json.WriteNumber("meanUs", Math.Round(Mean, 2));
        json.WriteNumber("medianUs", Math.Round(Median, 2));
        json.WriteNumber("p95Us", Math.Round(P95, 2));
        json.WriteNumber("allocBytes", Math.Round(MeanAllocated));
        json.WriteNumber("meanReads", Math.Round(MeanReads, 3));
        json.WriteNumber("maxReads", MaxReads);
        json.WriteNumber("meanWrites", Math.Round(MeanWrites, 3));
        json.WriteNumber("maxWrites", MaxWrites);
        json.WriteEndObject();
    }
}
