namespace GrowthMonitor.Benchmarks;

/// <summary>A run that failed or produced wrong data: the benchmark stops and prints why instead of reporting figures.</summary>
public sealed class BenchmarkException(string message) : Exception(message);
