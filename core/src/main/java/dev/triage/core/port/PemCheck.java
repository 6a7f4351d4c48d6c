package dev.triage.core.port;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a PEM import before it goes to ACM, so that the usual mistakes get a precise reason: not exactly one
 * certificate, a chain that does not parse, a key that is encrypted, unreadable or not the certificate's. No message
 * ever quotes the private key (nor an exception that might).
 */
final class PemCheck {

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\R?(.*?)-----END \\1-----", Pattern.DOTALL);

    private PemCheck() {}

    /** The certificate, or null when it does not parse; problems go to {@code problems}. */
    static X509Certificate check(PemImport pem, List<String> problems) {
        X509Certificate certificate = certificate(pem.certificatePem(), problems);
        chain(pem.chainPem(), problems);
        key(pem.privateKeyPem(), certificate, problems);
        return certificate;
    }

    /** How many certificates the chain holds (0 when there is none). */
    static int chainLength(String chainPem) {
        return chainPem == null ? 0 : blocks(chainPem, "CERTIFICATE").size();
    }

    /**
     * The problems with any run of the private key's base64 replaced by {@code <redacted>}: ACM's messages do not
     * quote the key, and this makes sure none of ours ever does.
     */
    static List<String> redact(List<String> problems, PemImport pem) {
        List<String> lines = pem.privateKeyPem()
                .lines()
                .map(String::strip)
                .filter(line -> line.length() >= 16 && !line.startsWith("-----"))
                .toList();
        return problems.stream()
                .map(problem -> {
                    String result = problem;
                    for (String line : lines) {
                        result = result.replace(line, "<redacted>");
                    }
                    return result;
                })
                .toList();
    }

    private static X509Certificate certificate(String pem, List<String> problems) {
        if (pem.contains("PRIVATE KEY-----")) {
            problems.add("certificatePem: holds a private key (expected: the certificate only; the key goes in"
                    + " privateKeyPem)");
        }
        List<Block> blocks = blocks(pem, "CERTIFICATE");
        if (blocks.size() != 1) {
            problems.add("certificatePem: " + blocks.size() + " certificates (expected: exactly one, the server's;"
                    + " intermediates go in the chain)");
        }
        if (blocks.isEmpty()) {
            return null;
        }
        return parse(blocks.getFirst(), "certificatePem", problems);
    }

    private static void chain(String pem, List<String> problems) {
        if (pem == null || pem.isBlank()) {
            return;
        }
        if (pem.contains("PRIVATE KEY-----")) {
            problems.add("chainPem: holds a private key (expected: intermediate certificates only)");
        }
        List<Block> blocks = blocks(pem, "CERTIFICATE");
        if (blocks.isEmpty()) {
            problems.add("chainPem: no BEGIN CERTIFICATE block (expected: the intermediate certificates in PEM)");
        }
        for (int i = 0; i < blocks.size(); i++) {
            parse(blocks.get(i), "chainPem certificate " + (i + 1), problems);
        }
    }

    private static X509Certificate parse(Block block, String what, List<String> problems) {
        byte[] der = decode(block);
        if (der == null) {
            problems.add(what + ": not valid base64 (expected: a PEM certificate)");
            return null;
        }
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            problems.add(what + ": not an X.509 certificate (" + e.getMessage() + ")");
            return null;
        }
    }

    private static void key(String pem, X509Certificate certificate, List<String> problems) {
        List<Block> keys = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            if (m.group(1).endsWith("PRIVATE KEY")) {
                keys.add(new Block(m.group(1), m.group(2)));
            }
        }
        if (keys.size() != 1) {
            problems.add("privateKeyPem: " + keys.size() + " private keys (expected: exactly one)");
            return;
        }
        Block key = keys.getFirst();
        if (key.type().equals("ENCRYPTED PRIVATE KEY") || key.body().contains("ENCRYPTED")) {
            problems.add("privateKeyPem: encrypted with a passphrase (expected: an unencrypted key; ACM cannot import"
                    + " an encrypted one: decrypt it with `openssl pkey -in KEY -out PLAIN.key`)");
            return;
        }
        byte[] der = decode(key);
        if (der == null) {
            problems.add("privateKeyPem: not valid base64 (expected: a PEM private key)");
            return;
        }
        if (certificate == null) {
            return; // nothing to match it against; the certificate's problem is already reported
        }
        String algorithm = certificate.getPublicKey().getAlgorithm();
        byte[] pkcs8 = switch (key.type()) {
            case "PRIVATE KEY" -> der;
            case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> wrap(der, certificate);
            default -> null;
        };
        if (pkcs8 == null) {
            problems.add("privateKeyPem: a '" + key.type() + "' block (expected: PRIVATE KEY, RSA PRIVATE KEY or EC"
                    + " PRIVATE KEY)");
            return;
        }
        PrivateKey privateKey;
        try {
            privateKey = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | RuntimeException e) {
            problems.add("privateKeyPem: not a readable " + algorithm + " private key (expected: the " + algorithm
                    + " key of certificate "
                    + certificate.getSubjectX500Principal().getName() + ")");
            return;
        }
        if (!matches(privateKey, certificate)) {
            problems.add("privateKeyPem: does not match the certificate's public key (expected: the key that "
                    + certificate.getSubjectX500Principal().getName() + " was issued for)");
        }
    }

    /** Signs random bytes with the key and verifies them with the certificate: true when they belong together. */
    private static boolean matches(PrivateKey key, X509Certificate certificate) {
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            byte[] data = new byte[32];
            new SecureRandom().nextBytes(data);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(data);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * PKCS#1 (RSA) and SEC1 (EC) keys into PKCS#8, borrowing the AlgorithmIdentifier (with the curve) from the
     * certificate's SubjectPublicKeyInfo: SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING key }.
     */
    private static byte[] wrap(byte[] key, X509Certificate certificate) {
        byte[] spki = certificate.getPublicKey().getEncoded();
        // SubjectPublicKeyInfo: SEQUENCE { AlgorithmIdentifier SEQUENCE, BIT STRING }
        int[] outer = header(spki, 0);
        if (outer == null) {
            return null;
        }
        int[] algorithm = header(spki, outer[0]);
        if (algorithm == null) {
            return null;
        }
        int algorithmEnd = algorithm[0] + algorithm[1];
        var body = new ByteArrayOutputStream();
        body.write(0x02);
        body.write(0x01);
        body.write(0x00);
        body.write(spki, outer[0], algorithmEnd - outer[0]);
        body.write(0x04);
        writeLength(body, key.length);
        body.writeBytes(key);
        var result = new ByteArrayOutputStream();
        result.write(0x30);
        writeLength(result, body.size());
        result.writeBytes(body.toByteArray());
        return result.toByteArray();
    }

    /** The content offset and length of the DER element at {@code offset}, or null. */
    private static int[] header(byte[] der, int offset) {
        if (offset + 2 > der.length) {
            return null;
        }
        int length = der[offset + 1] & 0xff;
        int content = offset + 2;
        if (length > 0x80) {
            int bytes = length & 0x7f;
            if (bytes > 3 || content + bytes > der.length) {
                return null;
            }
            length = 0;
            for (int i = 0; i < bytes; i++) {
                length = (length << 8) | (der[content + i] & 0xff);
            }
            content += bytes;
        } else if (length == 0x80) {
            return null;
        }
        return content + length <= der.length ? new int[] {content, length} : null;
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
    }

    private static List<Block> blocks(String pem, String type) {
        List<Block> result = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                result.add(new Block(m.group(1), m.group(2)));
            }
        }
        return result;
    }

    private static byte[] decode(Block block) {
        try {
            return Base64.getMimeDecoder().decode(block.body().getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A PEM block; its toString never shows the body, which may be a private key. */
    private record Block(String type, String body) {
        @Override
        public String toString() {
            return "Block[" + type + ", " + body.length() + " characters]";
        }
    }
}
