#!/usr/bin/env bash
# Makes the test PKI of the MQTT TLS tests with the JDK's keytool only. Run it in this directory
# to regenerate; the files are checked in so the tests need no tool. Test-only keys: the password
# of every store is "changeit". Valid for 100 years.
#
#   ca.pem             the test CA (the agent's caFile); ca-truststore.p12 the same as a key store
#   other-ca.pem       an unrelated CA (the broker's certificate does not chain to it)
#   server.jks         the broker's key: CN=localhost, SAN dns:localhost, ip:127.0.0.1
#   wronghost.jks      a broker key for another host: SAN dns:wrong.example only
#   broker-trust.jks   the CA, for the broker to verify client certificates
#   client.p12         the agent's client key and certificate (CN=demarc-test-agent)
set -euo pipefail
cd "$(dirname "$0")"
rm -f ./*.pem ./*.jks ./*.p12 ./*.csr ./*.crt
pw=changeit
days=36500
kt() { keytool "$@" -storepass "$pw" -keypass "$pw" -noprompt >/dev/null; }

kt -genkeypair -alias ca -keyalg EC -groupname secp256r1 -dname "CN=Demarc Test CA" \
   -ext bc:c -ext ku:c=keyCertSign,cRLSign -validity "$days" -keystore ca.p12 -storetype PKCS12
keytool -exportcert -rfc -alias ca -keystore ca.p12 -storepass "$pw" >ca.pem
kt -importcert -alias ca -file ca.pem -keystore ca-truststore.p12 -storetype PKCS12
kt -importcert -alias ca -file ca.pem -keystore broker-trust.jks -storetype JKS

kt -genkeypair -alias other -keyalg EC -groupname secp256r1 -dname "CN=Unrelated Test CA" \
   -ext bc:c -validity "$days" -keystore other-ca.p12 -storetype PKCS12
keytool -exportcert -rfc -alias other -keystore other-ca.p12 -storepass "$pw" >other-ca.pem

# issue STORE ALIAS TYPE DNAME EXT...: a key in STORE whose certificate the CA signs.
issue() {
  local store=$1 alias=$2 type=$3 dname=$4
  shift 4
  kt -genkeypair -alias "$alias" -keyalg EC -groupname secp256r1 -dname "$dname" -validity "$days" \
     -keystore "$store" -storetype "$type"
  keytool -certreq -alias "$alias" -keystore "$store" -storepass "$pw" >"$alias.csr"
  keytool -gencert -alias ca -keystore ca.p12 -storepass "$pw" -infile "$alias.csr" -outfile "$alias.crt" \
     -rfc -validity "$days" "$@"
  kt -importcert -alias ca -file ca.pem -keystore "$store" -storetype "$type"
  kt -importcert -alias "$alias" -file "$alias.crt" -keystore "$store" -storetype "$type"
  rm -f "$alias.csr" "$alias.crt"
}
issue server.jks server JKS "CN=localhost" -ext san=dns:localhost,ip:127.0.0.1 -ext eku=serverAuth
issue wronghost.jks wronghost JKS "CN=wrong.example" -ext san=dns:wrong.example -ext eku=serverAuth
issue client.p12 client PKCS12 "CN=demarc-test-agent" -ext eku=clientAuth
rm -f other-ca.p12 ca.p12
