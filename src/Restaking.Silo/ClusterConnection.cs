using System.Text.Json;
using StackExchange.Redis;

namespace Restaking.Silo;

/// <summary>
/// How to reach a Restaking cluster: its Redis (membership table and checkpoint storage) and its cluster id. Silos
/// and clients that share both form one cluster.
/// </summary>
/// <param name="Redis">StackExchange.Redis configuration, e.g. <c>127.0.0.1:6390,password=…</c>.</param>
public sealed record ClusterConnection(string Redis, string ClusterId = ClusterConnection.DefaultClusterId)
{
    public const string DefaultClusterId = "restaking";
    public const string ServiceId = "restaking";

    /// <summary>Where <c>run-cluster.sh</c> / <c>run-cluster.ps1</c> keep a cluster's files, under the working folder.</summary>
    public const string DefaultFolder = ".restaking-cluster";

    /// <summary>The file in that folder a client reads: <c>{"redis": "host:port", "password": "…", "clusterId": "…", …}</c>.</summary>
    public const string FileName = "cluster.json";

    /// <summary>Overrides <see cref="DefaultFolder"/> for a bare <c>--cluster</c>.</summary>
    public const string EnvironmentVariable = "RESTAKING_CLUSTER";

    public ConfigurationOptions RedisOptions()
    {
        var options = ConfigurationOptions.Parse(Redis);
        // A silo must not give up on a Redis that is still starting.
        options.AbortOnConnectFail = false;
        return options;
    }

    /// <summary>
    /// What <c>--cluster [VALUE]</c> names: nothing (then <c>$RESTAKING_CLUSTER</c>, else <c>.restaking-cluster/</c>), a
    /// cluster folder or its <c>cluster.json</c>, or a Redis configuration string (<c>host:port,password=…</c>).
    /// </summary>
    /// <exception cref="ClusterConnectionException">Nothing usable is named.</exception>
    public static ClusterConnection Resolve(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
            string folder = string.IsNullOrWhiteSpace(fromEnvironment) ? DefaultFolder : fromEnvironment;
            string file = Directory.Exists(folder) ? Path.Combine(folder, FileName) : folder;
            if (!File.Exists(file))
                throw new ClusterConnectionException($"no cluster found: {Path.GetFullPath(file)} does not exist "
                    + "(start one with ./run-cluster.sh, or give --cluster host:port,password=…)");
            return FromFile(file);
        }
        if (Directory.Exists(value)) return FromFile(Path.Combine(value, FileName));
        if (File.Exists(value)) return FromFile(value);
        if (value.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || value.Contains('/') && !value.Contains(':'))
            throw new ClusterConnectionException($"{value}: no such cluster file or folder");
        try
        {
            var parsed = ConfigurationOptions.Parse(value);
            if (parsed.EndPoints.Count == 0) throw new ArgumentException("no host:port in it");
            // Redis's parser keeps any text as a host name ("not a cluster::"), which then only times out: check each endpoint now.
            foreach (var endpoint in parsed.EndPoints)
                if (endpoint is System.Net.DnsEndPoint { Host: var host, Port: var port }
                    && (Uri.CheckHostName(host) == UriHostNameType.Unknown || port is < 0 or > 65535))
                    throw new ArgumentException($"'{host}:{port}' is not a host:port");
        }
        catch (Exception e) when (e is ArgumentException or RedisException or FormatException)
        {
            throw new ClusterConnectionException($"'{value}' is neither a cluster file or folder nor a Redis configuration (host:port,password=…): {e.Message}");
        }
        return new ClusterConnection(value);
    }

    /// <summary>Reads a <c>cluster.json</c> as run-cluster.sh writes it.</summary>
    public static ClusterConnection FromFile(string file)
    {
        if (!File.Exists(file)) throw new ClusterConnectionException($"{file}: no such file");
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var root = json.RootElement;
            string redis = root.TryGetProperty("redis", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! :
                throw new ClusterConnectionException($"{file}: $.redis: missing (a \"host:port\" string) [required]");
            if (root.TryGetProperty("password", out var p) && p.ValueKind == JsonValueKind.String && p.GetString() is { Length: > 0 } password)
                redis += ",password=" + password;
            string clusterId = root.TryGetProperty("clusterId", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : DefaultClusterId;
            return new ClusterConnection(redis, clusterId);
        }
        catch (JsonException e)
        {
            throw new ClusterConnectionException($"{file}: not valid JSON: {e.Message}");
        }
        catch (IOException e)
        {
            throw new ClusterConnectionException($"{file}: cannot read: {e.Message}");
        }
    }

    /// <summary>For messages: the Redis endpoint without its password.</summary>
    public override string ToString() => $"{RedisOptions().ToString(includePassword: false)} (cluster {ClusterId})";
}

/// <summary>A <c>--cluster</c> value that names no usable cluster: bad input, not a failure of the run.</summary>
public sealed class ClusterConnectionException(string message) : Exception(message);
