using System.Security.Cryptography;

namespace DigitalTwin.Persona.Pdf.Security;

/// <summary>
/// The file key of the standard security handler revisions 2–4 (RC4 and AES-128) for the empty password, tried as
/// the user password (algorithms 2 and 4/5 of ISO 32000) and then as the owner password (algorithm 7).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351:Do not use broken cryptographic algorithms", Justification = "The PDF standard security handler (ISO 32000) is defined with MD5; this only reads existing files.")]
internal static class LegacyKeys
{
    public static ReadOnlySpan<byte> Padding =>
    [
        0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
        0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
    ];

    /// <summary>The file key when the empty password opens the file, otherwise null.</summary>
    public static byte[]? FindKey(int revision, int keyBytes, byte[] o, byte[] u, int permissions, byte[] id, bool encryptMetadata)
    {
        byte[] userKey = ComputeKey(Padding, revision, keyBytes, o, permissions, id, encryptMetadata);
        if (IsUserKey(userKey, revision, u, id))
        {
            return userKey;
        }

        byte[] userPassword = RecoverUserPassword(revision, keyBytes, o);
        byte[] ownerKey = ComputeKey(userPassword, revision, keyBytes, o, permissions, id, encryptMetadata);
        return IsUserKey(ownerKey, revision, u, id) ? ownerKey : null;
    }

    /// <summary>Algorithm 2: the file key from a padded password.</summary>
    private static byte[] ComputeKey(ReadOnlySpan<byte> paddedPassword, int revision, int keyBytes, byte[] o, int permissions, byte[] id, bool encryptMetadata)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        md5.AppendData(paddedPassword[..32]);
        md5.AppendData(Fit(o));
        md5.AppendData([(byte)permissions, (byte)(permissions >> 8), (byte)(permissions >> 16), (byte)(permissions >> 24)]);
        md5.AppendData(id);
        if (revision >= 4 && !encryptMetadata)
        {
            md5.AppendData([0xFF, 0xFF, 0xFF, 0xFF]);
        }

        byte[] hash = md5.GetHashAndReset();
        if (revision >= 3)
        {
            for (int i = 0; i < 50; i++)
            {
                hash = MD5.HashData(hash.AsSpan(0, keyBytes));
            }
        }

        return hash[..keyBytes];
    }

    /// <summary>Algorithms 4 and 5: whether the key reproduces the /U entry.</summary>
    private static bool IsUserKey(byte[] key, int revision, byte[] u, byte[] id)
    {
        if (revision == 2)
        {
            return u.Length >= 32 && Rc4.Apply(key, Padding).AsSpan().SequenceEqual(u.AsSpan(0, 32));
        }

        byte[] value = MD5.HashData([.. Padding, .. id]);
        value = Rc4.Apply(key, value);
        value = Rounds(key, value, 1, 19);
        return u.Length >= 16 && value.AsSpan().SequenceEqual(u.AsSpan(0, 16));
    }

    /// <summary>Algorithm 7 with the empty owner password: the padded user password hidden in /O.</summary>
    private static byte[] RecoverUserPassword(int revision, int keyBytes, byte[] o)
    {
        byte[] hash = MD5.HashData(Padding);
        if (revision >= 3)
        {
            for (int i = 0; i < 50; i++)
            {
                hash = MD5.HashData(hash);
            }
        }

        byte[] key = hash[..keyBytes];
        byte[] owner = Fit(o);
        return revision == 2 ? Rc4.Apply(key, owner) : Rounds(key, owner, 19, 0);
    }

    /// <summary>RC4 with the key XOR-ed by each round number from <paramref name="from"/> to <paramref name="to"/>.</summary>
    private static byte[] Rounds(byte[] key, byte[] value, int from, int to)
    {
        byte[] roundKey = new byte[key.Length];
        int step = from <= to ? 1 : -1;
        for (int round = from; round != to + step; round += step)
        {
            for (int k = 0; k < key.Length; k++)
            {
                roundKey[k] = (byte)(key[k] ^ round);
            }

            value = Rc4.Apply(roundKey, value);
        }

        return value;
    }

    /// <summary>The first 32 bytes of /O, padded with zeros when a writer stored fewer.</summary>
    private static byte[] Fit(byte[] value)
    {
        byte[] result = new byte[32];
        value.AsSpan(0, Math.Min(32, value.Length)).CopyTo(result);
        return result;
    }
}
