using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;

namespace Platform.Deployment.Tests.Kubernetes;

/// <summary>
/// Configuration from fixed values that notes every key asked for, set or not: what the code built on it reads.
/// Keys are compared as configuration compares them (case-insensitive, <c>:</c>-separated).
/// </summary>
internal sealed class RecordingConfigurationSource(IReadOnlyDictionary<string, string> values) : IConfigurationSource
{
    private readonly ConcurrentDictionary<string, byte> _read = new(StringComparer.OrdinalIgnoreCase);

    public bool WasRead(string key) => _read.ContainsKey(key);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(this, values);

    private sealed class Provider : ConfigurationProvider
    {
        private readonly RecordingConfigurationSource _source;

        public Provider(RecordingConfigurationSource source, IReadOnlyDictionary<string, string> values)
        {
            _source = source;
            foreach (var (key, value) in values)
            {
                Data[key] = value;
            }
        }

        public override bool TryGet(string key, out string? value)
        {
            _source._read.TryAdd(key, 0);
            return base.TryGet(key, out value);
        }
    }
}
