using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using GoldAnalytics.Data.DemoData.Rows;

namespace GoldAnalytics.Data.DemoData;

/// <summary>What a generated shop adds up to: a SHA-256 over every row's values, and the rows per table.</summary>
public sealed record DemoSummary(string Sha256, IReadOnlyDictionary<string, long> RowsPerTable);

/// <summary>Fingerprints generated rows, to prove the same seed gives the same shop.</summary>
public static class DemoChecksum
{
    /// <summary>Generates the profile's shop and fingerprints it.</summary>
    public static DemoSummary Of(DemoProfile profile) => Of(DemoGenerator.Generate(profile));

    /// <summary>Fingerprints the chunks, table by table in load order.</summary>
    public static DemoSummary Of(IEnumerable<DemoChunk> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var writer = new HashingRowWriter(hash);
        var counts = DemoTables.InLoadOrder.ToDictionary(t => t.Name, _ => 0L);
        foreach (var chunk in chunks)
        {
            foreach (var table in DemoTables.InLoadOrder)
            {
                var rows = table.Rows(chunk);
                writer.Text(table.Name);
                foreach (var row in rows)
                {
                    row.WriteTo(writer);
                    writer.EndRow();
                }

                counts[table.Name] += rows.Count;
            }
        }

        return new DemoSummary(Convert.ToHexString(hash.GetHashAndReset()), counts);
    }

    private sealed class HashingRowWriter(IncrementalHash hash) : IRowWriter
    {
        private readonly byte[] _buffer = new byte[17];

        public void Short(short value) => Put(1, BitConverter.GetBytes(value));

        public void Int(int value)
        {
            _buffer[0] = 2;
            BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(1), value);
            hash.AppendData(_buffer, 0, 5);
        }

        public void Long(long value)
        {
            _buffer[0] = 3;
            BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(1), value);
            hash.AppendData(_buffer, 0, 9);
        }

        public void Decimal(decimal value)
        {
            _buffer[0] = 4;
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(value, bits);
            for (var i = 0; i < 4; i++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(1 + (i * 4)), bits[i]);
            }

            hash.AppendData(_buffer, 0, 17);
        }

        public void Text(string value)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            Long(bytes.Length);
            hash.AppendData(bytes);
        }

        public void Bool(bool value) => Put(5, [value ? (byte)1 : (byte)0]);

        public void Date(DateOnly value) => Int(value.DayNumber);

        public void Timestamp(DateTime utc) => Long(utc.Ticks);

        public void Null() => Put(6, []);

        public void EndRow() => Put(7, []);

        private void Put(byte tag, byte[] value)
        {
            hash.AppendData([tag]);
            hash.AppendData(value);
        }
    }
}
