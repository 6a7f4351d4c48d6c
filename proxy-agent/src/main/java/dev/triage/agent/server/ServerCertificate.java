package dev.triage.agent.server;

import dev.triage.agent.api.config.Listener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS listener's certificate chain and private key, read from the PEM files its config names:
 * certificates as {@code BEGIN CERTIFICATE} blocks (server first), the key as an unencrypted PKCS#8
 * {@code BEGIN PRIVATE KEY} block, RSA or EC. The key must belong to the first certificate.
 */
final class ServerCertificate {

    private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String KEY_END = "-----END PRIVATE KEY-----";
    private static final char[] NO_PASSWORD = new char[0];

    private final X509Certificate[] chain;
    private final PrivateKey key;

    private ServerCertificate(X509Certificate[] chain, PrivateKey key) {
        this.chain = chain;
        this.key = key;
    }

    /**
     * The certificate of every HTTPS listener, by listener name, read now.
     *
     * @throws IOException naming the listener and the file that is missing, unreadable or malformed
     */
    static Map<String, ServerCertificate> loadAll(List<Listener> listeners) throws IOException {
        Map<String, ServerCertificate> certificates = new LinkedHashMap<>();
        for (Listener listener : listeners) {
            if (listener.secure()) {
                certificates.put(listener.name(), load(listener));
            }
        }
        return certificates;
    }

    static ServerCertificate load(Listener listener) throws IOException {
        Listener.Tls tls = listener.tls();
        String prefix = "listener " + listener.name() + ": ";
        if (tls == null || tls.certificateChainFile() == null || tls.privateKeyFile() == null) {
            throw new IllegalArgumentException(
                    prefix + "tls: " + tls + " (expected: certificateChainFile and privateKeyFile for HTTPS)");
        }
        Path chainFile = Path.of(tls.certificateChainFile());
        Path keyFile = Path.of(tls.privateKeyFile());
        X509Certificate[] chain = readChain(prefix, chainFile);
        PrivateKey key = readKey(prefix, keyFile, chain[0].getPublicKey().getAlgorithm());
        if (!belongTogether(key, chain[0])) {
            throw new IOException(prefix + "tls.privateKeyFile: " + keyFile
                    + " (expected: the private key of the first certificate in " + chainFile + ")");
        }
        return new ServerCertificate(chain, key);
    }

    /** The server's certificate, the first of the chain. */
    X509Certificate leaf() {
        return chain[0];
    }

    /** True when both hold the same chain and key, so a running listener can keep its TLS context. */
    boolean sameAs(ServerCertificate other) {
        if (other == null
                || other.chain.length != chain.length
                || !Arrays.equals(key.getEncoded(), other.key.getEncoded())) {
            return false;
        }
        try {
            for (int i = 0; i < chain.length; i++) {
                if (!Arrays.equals(chain[i].getEncoded(), other.chain[i].getEncoded())) {
                    return false;
                }
            }
            return true;
        } catch (CertificateException e) {
            return false;
        }
    }

    /** A fresh TLS context serving this certificate (fresh session caches too). */
    SSLContext newContext() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, NO_PASSWORD, chain);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, NO_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("TLS context for " + chain[0].getSubjectX500Principal() + " failed", e);
        }
    }

    private static X509Certificate[] readChain(String prefix, Path file) throws IOException {
        byte[] pem = read(prefix + "tls.certificateChainFile", file);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<? extends Certificate> certificates =
                    List.copyOf(factory.generateCertificates(new ByteArrayInputStream(pem)));
            if (certificates.isEmpty()) {
                throw new IOException(prefix + "tls.certificateChainFile: " + file
                        + " has no certificate (expected: PEM BEGIN CERTIFICATE blocks)");
            }
            return certificates.stream().map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
        } catch (CertificateException e) {
            throw new IOException(
                    prefix + "tls.certificateChainFile: " + file + " is not a PEM certificate chain (" + e.getMessage()
                            + ")",
                    e);
        }
    }

    private static PrivateKey readKey(String prefix, Path file, String algorithm) throws IOException {
        String field = prefix + "tls.privateKeyFile: " + file;
        String pem = new String(read(prefix + "tls.privateKeyFile", file), StandardCharsets.US_ASCII);
        int begin = pem.indexOf(KEY_BEGIN);
        int end = pem.indexOf(KEY_END);
        if (begin < 0 || end < begin) {
            throw new IOException(field + " has no unencrypted PKCS#8 key (expected: a " + KEY_BEGIN
                    + " block; convert with openssl pkcs8 -topk8 -nocrypt)");
        }
        if (!algorithm.equals("RSA") && !algorithm.equals("EC")) {
            throw new IOException(prefix + "tls.certificateChainFile: key algorithm " + algorithm
                    + " (expected: an RSA or EC certificate)");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + KEY_BEGIN.length(), end));
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IOException(field + " is not a PKCS#8 " + algorithm + " private key (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] read(String field, Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException(field + ": " + file + " does not exist", e);
        } catch (IOException e) {
            throw new IOException(field + ": " + file + " cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
