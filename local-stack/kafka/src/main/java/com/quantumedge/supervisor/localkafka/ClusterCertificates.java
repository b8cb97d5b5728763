package com.quantumedge.supervisor.localkafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority and the brokers' certificate, made when a cluster directory is
 * first used: a PKCS12 truststore with the CA (clients and brokers trust it) and a PKCS12 keystore
 * with the broker key (every broker of the local cluster shares it; its subject
 * {@code CN=qe-kafka-broker} is the brokers' principal on the mutual-TLS internal and controller
 * listeners). The certificate names 127.0.0.1 and localhost, so clients verify the host name.
 * EC P-256 keys: generated in milliseconds, unlike RSA.
 */
public record ClusterCertificates(Path truststore, Path keystore, String password) {

    /** Principal of the brokers on the mutual-TLS listeners: a super user. */
    public static final String BROKER_PRINCIPAL = "User:CN=qe-kafka-broker";
    public static final String STORE_TYPE = "PKCS12";

    private static final String SIGNATURE = "SHA256withECDSA";
    private static final Duration VALIDITY = Duration.ofDays(30);

    /** The certificates in {@code dir}, created (with a new CA) if it holds none yet. */
    public static ClusterCertificates in(Path dir) {
        Path truststore = dir.resolve("truststore.p12");
        Path keystore = dir.resolve("broker-keystore.p12");
        Path passwordFile = dir.resolve("store.password");
        try {
            if (Files.exists(truststore) && Files.exists(keystore) && Files.exists(passwordFile)) {
                return new ClusterCertificates(truststore, keystore, Files.readString(passwordFile).trim());
            }
            Files.createDirectories(dir);
            String password = randomHex();
            generate(truststore, keystore, password);
            Files.writeString(passwordFile, password);
            return new ClusterCertificates(truststore, keystore, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot create the cluster's test certificates in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void generate(Path truststore, Path keystore, String password)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        KeyPair caKeys = ecKeyPair();
        X500Name caName = new X500Name("CN=qe-supervisor test CA");
        X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minusSeconds(60)),
                Date.from(now.plus(VALIDITY)), caName, caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate caCert = sign(ca, caKeys);

        KeyPair brokerKeys = ecKeyPair();
        X509v3CertificateBuilder broker = new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minusSeconds(60)),
                Date.from(now.plus(VALIDITY)), new X500Name(BROKER_PRINCIPAL.substring("User:".length())), brokerKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                .addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        X509Certificate brokerCert = sign(broker, caKeys);

        KeyStore trust = KeyStore.getInstance(STORE_TYPE);
        trust.load(null, null);
        trust.setCertificateEntry("ca", caCert);
        store(trust, truststore, password);

        KeyStore keys = KeyStore.getInstance(STORE_TYPE);
        keys.load(null, null);
        keys.setKeyEntry("broker", brokerKeys.getPrivate(), password.toCharArray(), new Certificate[] {brokerCert, caCert});
        store(keys, keystore, password);
    }

    static String randomHex() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(issuer.getPrivate())));
    }

    private static void store(KeyStore store, Path file, String password) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
    }
}
