using System.Buffers.Text;
using System.Text;
using DigitalTwin.Analytics;
using DigitalTwin.Memory.Aws;

namespace DigitalTwin.Memory.S3;

/// <summary>
/// Names the S3 store's turn index objects:
/// <c>{KeyPrefix}_index/{twin}/{yyyy-MM-dd}/{ticks:D19}-{random}.{base64url of the record JSON}</c>, so listing a day's
/// prefix yields the records without a GET per turn. The encoded record is cut into '/'-separated segments of at most
/// <see cref="SegmentChars"/> characters, because S3-compatible servers that keep objects as files (s3rver, MinIO) limit
/// each key segment to 255 bytes; base64url has no '/', so the reader just removes them. When the key would pass S3's
/// 1,024-byte limit it ends after the random part and the reader GETs the object's body (the same record JSON) instead.
/// </summary>
internal static class S3TurnIndexKeys
{
    /// <summary>The longest object key S3 accepts, in UTF-8 bytes.</summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>The longest run of base64url characters between two '/' in an index key.</summary>
    public const int SegmentChars = 160;

    /// <summary>
    /// The folder of one twin's index entries (<c>{KeyPrefix}_index/{twin}/</c>). Twin storage names escape every character
    /// but <c>[a-z0-9-]</c> as <c>_xx</c> (hex), so none is <c>_index</c> and the folder cannot meet a twin's conversations.
    /// </summary>
    public static string TwinPrefix(S3StoreOptions options, string twinStorageName) => $"{options.KeyPrefix}_index/{twinStorageName}/";

    /// <summary>The prefix a ListObjectsV2 of one UTC day uses.</summary>
    public static string DayPrefix(S3StoreOptions options, string twinStorageName, string day) => $"{TwinPrefix(options, twinStorageName)}{day}/";

    /// <summary>The key of a new index object for <paramref name="record"/> (its JSON in <paramref name="json"/>).</summary>
    public static string For(S3StoreOptions options, string twinStorageName, TurnRecord record, ReadOnlySpan<byte> json)
    {
        var name = DayPrefix(options, twinStorageName, TurnIndexDays.Of(record.Timestamp)) + TurnSequence.Ascending(record.Timestamp.UtcTicks);
        var encoded = Base64Url.EncodeToString(json);
        var key = new StringBuilder(name, name.Length + 1 + encoded.Length + (encoded.Length / SegmentChars) + 1).Append('.');
        for (var i = 0; i < encoded.Length; i += SegmentChars)
        {
            key.Append(i == 0 ? "" : "/").Append(encoded.AsSpan(i, Math.Min(SegmentChars, encoded.Length - i)));
        }

        var full = key.ToString();
        return Encoding.UTF8.GetByteCount(full) <= MaxKeyBytes ? full : name;
    }

    /// <summary>
    /// Reads the record carried by an index key listed under <paramref name="dayPrefix"/>. Returns <see langword="false"/> when
    /// the key carries none (the record is in the body); sets <paramref name="record"/> to <see langword="null"/> when the
    /// key carries something that is not a record.
    /// </summary>
    public static bool TryDecode(string key, string dayPrefix, out TurnRecord? record)
    {
        record = null;
        var name = key.AsSpan(dayPrefix.Length);
        var dot = name.IndexOf('.');
        if (dot < 0)
        {
            return false;
        }

        var encoded = name[(dot + 1)..].ToString().Replace("/", "", StringComparison.Ordinal);
        if (Base64Url.IsValid(encoded))
        {
            record = StoredJson.TryReadTurnRecord(Base64Url.DecodeFromChars(encoded));
        }

        return true;
    }
}
