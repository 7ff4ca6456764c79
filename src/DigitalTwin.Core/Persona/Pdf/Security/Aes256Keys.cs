using System.Security.Cryptography;

namespace DigitalTwin.Persona.Pdf.Security;

/// <summary>
/// The file key of the AES-256 standard security handler (revision 5, and revision 6 with the hash of ISO 32000-2
/// algorithm 2.B) for the empty password (SASLprep of an empty password is empty), as user and then as owner.
/// </summary>
internal static class Aes256Keys
{
    /// <summary>The 32-byte file key when the empty password opens the file, otherwise null.</summary>
    public static byte[]? FindKey(int revision, byte[] o, byte[] u, byte[] oe, byte[] ue)
    {
        if (u.Length < 48 || ue.Length < 32)
        {
            return null;
        }

        byte[] user = u[..48];
        if (Hash(revision, u.AsSpan(32, 8), []).AsSpan().SequenceEqual(u.AsSpan(0, 32)))
        {
            return Unwrap(Hash(revision, u.AsSpan(40, 8), []), ue);
        }

        if (o.Length >= 48 && oe.Length >= 32 && Hash(revision, o.AsSpan(32, 8), user).AsSpan().SequenceEqual(o.AsSpan(0, 32)))
        {
            return Unwrap(Hash(revision, o.AsSpan(40, 8), user), oe);
        }

        return null;
    }

    private static byte[] Unwrap(byte[] intermediateKey, byte[] encryptedKey)
    {
        using var aes = Aes.Create();
        aes.Key = intermediateKey;
        return aes.DecryptCbc(encryptedKey.AsSpan(0, 32), new byte[16], PaddingMode.None);
    }

    /// <summary>Revision 5: SHA-256 of password, salt and user data; revision 6: algorithm 2.B.</summary>
    private static byte[] Hash(int revision, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> userData)
    {
        byte[] k = SHA256.HashData([.. salt, .. userData]);
        if (revision < 6)
        {
            return k;
        }

        using var aes = Aes.Create();
        byte[] e = [];
        for (int round = 0; round < 64 || e[^1] > round - 32; round++)
        {
            // K1 is (password, K, user data) 64 times; the password is empty.
            byte[] k1 = new byte[64 * (k.Length + userData.Length)];
            for (int r = 0, at = 0; r < 64; r++)
            {
                k.CopyTo(k1, at);
                userData.CopyTo(k1.AsSpan(at + k.Length));
                at += k.Length + userData.Length;
            }

            aes.Key = k[..16];
            e = aes.EncryptCbc(k1, k.AsSpan(16, 16), PaddingMode.None);
            int selector = 0;
            for (int i = 0; i < 16; i++)
            {
                selector += e[i];
            }

            k = (selector % 3) switch
            {
                0 => SHA256.HashData(e),
                1 => SHA384.HashData(e),
                _ => SHA512.HashData(e),
            };
        }

        return k[..32];
    }
}
