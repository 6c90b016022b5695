#pragma once
// The server's TLS settings (docs/SECURITY.md § TLS): TLS 1.2 or newer, ECDHE key exchange
// with AEAD ciphers only, the whole certificate chain sent, RSA or EC keys.

#include <QString>

class QSslConfiguration;

namespace gridhall {

// Reads a PEM certificate file (the server's certificate first, then its intermediates)
// and a PEM private key (RSA or EC, not encrypted) and fills *out; false with *error set
// when a file cannot be read, holds no certificate or key, or the key does not belong to
// the certificate.
bool makeServerTlsConfiguration(const QString& certFile, const QString& keyFile, QSslConfiguration* out, QString* error);

} // namespace gridhall
