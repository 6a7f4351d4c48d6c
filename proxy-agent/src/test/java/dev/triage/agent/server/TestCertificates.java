package dev.triage.agent.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Self-signed server certificates made with the JDK's keytool, written as PEM chain and PKCS#8 key. */
final class TestCertificates {

    private static final String PASSWORD = "changeit";

    /** A generated certificate and the PEM files holding it. */
    record Pem(X509Certificate certificate, Path chainFile, Path keyFile) {}

    private TestCertificates() {}

    static Pem rsa(Path dir, String name) throws Exception {
        return generate(dir, name, List.of("-keyalg", "RSA", "-keysize", "2048"));
    }

    static Pem ec(Path dir, String name) throws Exception {
        return generate(dir, name, List.of("-keyalg", "EC", "-groupname", "secp256r1"));
    }

    private static Pem generate(Path dir, String name, List<String> algorithm) throws Exception {
        Path store = dir.resolve(name + ".p12");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-dname",
                "CN=" + name,
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD));
        command.addAll(algorithm);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool failed: " + output);
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, PASSWORD.toCharArray());
        }
        PrivateKey key = (PrivateKey) keyStore.getKey("server", PASSWORD.toCharArray());
        Certificate[] chain = keyStore.getCertificateChain("server");
        Path chainFile = dir.resolve(name + "-chain.pem");
        Path keyFile = dir.resolve(name + "-key.pem");
        StringBuilder chainPem = new StringBuilder();
        for (Certificate certificate : chain) {
            chainPem.append(pem("CERTIFICATE", certificate.getEncoded()));
        }
        Files.writeString(chainFile, chainPem);
        Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
        return new Pem((X509Certificate) chain[0], chainFile, keyFile);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
