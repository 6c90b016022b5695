#include "app/server/tlsconfig.h"

#include <QCoreApplication>
#include <QFile>
#include <QSslCertificate>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslKey>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace gridhall {

namespace {
bool readFile(const QString& path, const char* what, QByteArray* data, QString* error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("Tls", "Cannot read the TLS %1 file %2: %3")
                     .arg(QCoreApplication::translate("Tls", what), path, f.errorString());
        return false;
    }
    *data = f.readAll();
    return true;
}

// No passphrase prompt on the terminal: an encrypted key is refused instead.
int noPassphrase(char*, int, int, void*)
{
    return 0;
}

// ECDHE for forward secrecy and AEAD ciphers only (no CBC, no RSA key exchange); TLS 1.3's
// suites are all ECDHE (or DHE) and AEAD.
bool acceptedCipher(const QSslCipher& c)
{
    const QString enc = c.encryptionMethod();
    const bool aead = enc.startsWith(QLatin1String("AESGCM")) || enc.startsWith(QLatin1String("CHACHA20"));
    if (!aead)
        return false;
    if (c.protocol() == QSsl::TlsV1_3)
        return true;
    return c.protocol() == QSsl::TlsV1_2 && c.keyExchangeMethod() == QLatin1String("ECDH")
        && (c.authenticationMethod() == QLatin1String("RSA") || c.authenticationMethod() == QLatin1String("ECDSA"));
}
} // namespace

bool makeServerTlsConfiguration(const QString& certFile, const QString& keyFile, QSslConfiguration* out, QString* error)
{
    QByteArray certPem, keyPem;
    if (!readFile(certFile, QT_TRANSLATE_NOOP("Tls", "certificate"), &certPem, error)
        || !readFile(keyFile, QT_TRANSLATE_NOOP("Tls", "key"), &keyPem, error))
        return false;
    // The server's certificate first, then the intermediates that lead to the clients' CA.
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem, QSsl::Pem);
    if (chain.isEmpty() || chain.constFirst().isNull()) {
        *error = QCoreApplication::translate("Tls", "No PEM certificate in %1").arg(certFile);
        return false;
    }

    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())), &BIO_free);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey(
        bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr) : nullptr, &EVP_PKEY_free);
    QSsl::KeyAlgorithm algorithm = QSsl::Opaque;
    if (pkey && EVP_PKEY_base_id(pkey.get()) == EVP_PKEY_RSA)
        algorithm = QSsl::Rsa;
    else if (pkey && EVP_PKEY_base_id(pkey.get()) == EVP_PKEY_EC)
        algorithm = QSsl::Ec;
    const QSslKey key = algorithm == QSsl::Opaque ? QSslKey() : QSslKey(keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey);
    if (key.isNull()) {
        *error = QCoreApplication::translate("Tls", "No unencrypted PEM RSA or EC private key in %1").arg(keyFile);
        return false;
    }
    // A key of another certificate would only fail in each client's handshake.
    const QByteArray der = chain.constFirst().toDer();
    const unsigned char* derData = reinterpret_cast<const unsigned char*>(der.constData());
    std::unique_ptr<X509, decltype(&X509_free)> x509(d2i_X509(nullptr, &derData, long(der.size())), &X509_free);
    if (!x509 || X509_check_private_key(x509.get(), pkey.get()) != 1) {
        *error = QCoreApplication::translate("Tls", "The private key in %1 does not match the certificate in %2 (the server's own certificate must come first)")
                     .arg(keyFile, certFile);
        return false;
    }

    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificateChain(chain);
    config.setPrivateKey(key);
    config.setProtocol(QSsl::TlsV1_2OrLater);
    QList<QSslCipher> ciphers;
    for (const QSslCipher& c : QSslConfiguration::supportedCiphers())
        if (acceptedCipher(c))
            ciphers.append(c);
    config.setCiphers(ciphers);
    *out = config;
    return true;
}

} // namespace gridhall
