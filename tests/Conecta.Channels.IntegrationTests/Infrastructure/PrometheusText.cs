using System.Globalization;
using System.Text;

namespace Conecta.Channels.IntegrationTests.Infrastructure;

/// <summary>One sample of a scrape: its name (with _total, _count, … as written), its labels and its value.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>The Prometheus text exposition format, read line by line: comments skipped, labels unescaped.</summary>
internal static class PrometheusText
{
    public static IReadOnlyList<PrometheusSample> Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') continue;
            var labelsStart = line.IndexOf('{', StringComparison.Ordinal);
            var nameEnd = labelsStart >= 0 ? labelsStart : line.IndexOf(' ', StringComparison.Ordinal);
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            var rest = nameEnd;
            if (labelsStart >= 0) rest = ReadLabels(line, labelsStart + 1, labels);
            var value = line[rest..].Trim().Split(' ')[0];
            samples.Add(new PrometheusSample(line[..nameEnd], labels, double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }
        return samples;
    }

    /// <summary>The sum of every sample of <paramref name="name"/> that carries all of <paramref name="labels"/>.</summary>
    public static double Sum(this IReadOnlyList<PrometheusSample> samples, string name, params (string Key, string Value)[] labels) =>
        samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Sum(s => s.Value);

    /// <returns>The index just after the closing brace.</returns>
    private static int ReadLabels(string line, int at, Dictionary<string, string> labels)
    {
        while (line[at] != '}')
        {
            var equals = line.IndexOf('=', at);
            var key = line[at..equals];
            var value = new StringBuilder();
            var i = equals + 2; // past ="
            for (; line[i] != '"'; i++)
            {
                if (line[i] == '\\')
                {
                    i++;
                    value.Append(line[i] == 'n' ? '\n' : line[i]);
                }
                else value.Append(line[i]);
            }
            labels[key] = value.ToString();
            at = i + 1;
            if (line[at] == ',') at++;
        }
        return at + 1;
    }
}
