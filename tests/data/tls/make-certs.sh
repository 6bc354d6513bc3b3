#!/bin/sh
# make-certs.sh: regenerates the TLS test fixtures in this directory with
# GnuTLS's certtool (Debian package gnutls-bin). The generated files are
# committed; run this only to renew them (the validity of the good
# certificates runs until 2124, the expired one ended in 2002).
#
# SPDX-License-Identifier: LGPL-2.1-or-later

set -eu

cd "$(dirname "$0")"

PASSWORD='qnet-test-password'
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

tmpl () {
  # tmpl NAME: writes the template file $TMP/NAME.tmpl from standard input.
  cat > "$TMP/$1.tmpl"
}

# Keys. The CA and the server use RSA (so TLS 1.2 negotiates ECDHE_RSA
# suites), the client uses ECDSA P-256.
certtool --generate-privkey --key-type=rsa --bits=2048 --outfile ca-key.pem
certtool --generate-privkey --key-type=rsa --bits=2048 --outfile server-key.pem
certtool --generate-privkey --key-type=ecdsa --curve=secp256r1 --outfile client-key.pem

# The test CA.
tmpl ca <<'T'
organization = "libqnet tests"
cn = "libqnet Test CA"
serial = 1
activation_date = "2024-01-01 00:00:00"
expiration_date = "2124-01-01 00:00:00"
ca
cert_signing_key
crl_signing_key
T
certtool --generate-self-signed --load-privkey ca-key.pem \
  --template "$TMP/ca.tmpl" --outfile ca.pem

# A server certificate for localhost, 127.0.0.1 and ::1, signed by the CA.
tmpl server <<'T'
organization = "libqnet tests"
cn = "localhost"
serial = 2
activation_date = "2024-01-01 00:00:00"
expiration_date = "2124-01-01 00:00:00"
dns_name = "localhost"
ip_address = "127.0.0.1"
ip_address = "::1"
tls_www_server
signing_key
encryption_key
T
certtool --generate-certificate --load-privkey server-key.pem \
  --load-ca-certificate ca.pem --load-ca-privkey ca-key.pem \
  --template "$TMP/server.tmpl" --outfile server.pem

# The same names, but the validity ended in 2002.
tmpl expired <<'T'
organization = "libqnet tests"
cn = "localhost"
serial = 3
activation_date = "2001-01-01 00:00:00"
expiration_date = "2002-01-01 00:00:00"
dns_name = "localhost"
ip_address = "127.0.0.1"
ip_address = "::1"
tls_www_server
signing_key
encryption_key
T
certtool --generate-certificate --load-privkey server-key.pem \
  --load-ca-certificate ca.pem --load-ca-privkey ca-key.pem \
  --template "$TMP/expired.tmpl" --outfile expired.pem

# A certificate for another host name, signed by the CA.
tmpl wronghost <<'T'
organization = "libqnet tests"
cn = "www.example.invalid"
serial = 4
activation_date = "2024-01-01 00:00:00"
expiration_date = "2124-01-01 00:00:00"
dns_name = "www.example.invalid"
tls_www_server
signing_key
encryption_key
T
certtool --generate-certificate --load-privkey server-key.pem \
  --load-ca-certificate ca.pem --load-ca-privkey ca-key.pem \
  --template "$TMP/wronghost.tmpl" --outfile wronghost.pem

# A self-signed certificate for localhost (not signed by the CA).
tmpl selfsigned <<'T'
organization = "libqnet tests"
cn = "localhost"
serial = 5
activation_date = "2024-01-01 00:00:00"
expiration_date = "2124-01-01 00:00:00"
dns_name = "localhost"
ip_address = "127.0.0.1"
ip_address = "::1"
tls_www_server
signing_key
encryption_key
T
certtool --generate-self-signed --load-privkey server-key.pem \
  --template "$TMP/selfsigned.tmpl" --outfile selfsigned.pem

# A client certificate signed by the CA.
tmpl client <<'T'
organization = "libqnet tests"
cn = "libqnet test client"
serial = 6
activation_date = "2024-01-01 00:00:00"
expiration_date = "2124-01-01 00:00:00"
email = "client@example.invalid"
tls_www_client
signing_key
T
certtool --generate-certificate --load-privkey client-key.pem \
  --load-ca-certificate ca.pem --load-ca-privkey ca-key.pem \
  --template "$TMP/client.tmpl" --outfile client.pem

# The server certificate followed by its issuer: a chain file.
cat server.pem ca.pem > server-chain.pem

# DER forms.
certtool --certificate-info --infile server.pem --outder --outfile server.der
certtool --key-info --infile server-key.pem --outder --outfile server-key.der

# The client key as password-protected PKCS #8 (PEM and DER).
certtool --to-p8 --load-privkey client-key.pem --password "$PASSWORD" \
  --outfile client-key-pkcs8-encrypted.pem
certtool --to-p8 --load-privkey client-key.pem --password "$PASSWORD" \
  --outder --outfile client-key-pkcs8-encrypted.der

# Make the PEM files carry nothing but the PEM blocks (certtool prefixes
# human-readable information).
for f in ca.pem server.pem expired.pem wronghost.pem selfsigned.pem client.pem \
         server-chain.pem ca-key.pem server-key.pem client-key.pem \
         client-key-pkcs8-encrypted.pem; do
  sed -n '/^-----BEGIN/,/^-----END/p' "$f" > "$TMP/strip" && mv "$TMP/strip" "$f"
done

echo "password of client-key-pkcs8-encrypted.*: $PASSWORD" > PASSWORD.txt
