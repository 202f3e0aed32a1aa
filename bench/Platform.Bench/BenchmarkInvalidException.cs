namespace Platform.Bench;

/// <summary>A run whose figures would mean nothing (wrong counts, wrong answers): it fails instead of printing them.</summary>
internal sealed class BenchmarkInvalidException(string message) : Exception(message);
