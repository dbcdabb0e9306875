#!/usr/bin/env bash
# Makes the test PKI of the agent's TLS tests (demarc agent --tls-ca/--tls-cert/--tls-key) with
# the JDK's keytool and openssl only. Run it in this directory to regenerate; the files are
# checked in so the tests need no tool. Test-only keys: every store's password is "changeit".
# Valid for 100 years. Every key is EC P-256.
#
#   ca.pem              the test CA: the agent's --tls-ca; ca-trust.p12 the same as a key store
#   agent-cert.pem      the agent's certificate (CN=demarc-test-agent, SAN localhost/127.0.0.1,
#                       serverAuth and clientAuth) followed by the CA's: the agent's --tls-cert
#   agent-key.pem       its private key, unencrypted PKCS#8 PEM: the agent's --tls-key
#   controller.p12      a controller's key and certificate issued by the CA (CN=demarc-test-controller,
#                       SAN its Endpoint ID urn:bbf:usp:id:proto::demarc-test-controller (TR-369
#                       R-SEC.0a) and localhost/127.0.0.1, serverAuth and clientAuth)
#   impostor.p12        the same kind of certificate for another Endpoint ID
#                       (urn:bbf:usp:id:proto::demarc-test-impostor)
#   stranger.p12        a self-signed key and certificate no one trusts (SAN localhost/127.0.0.1)
#   broker.jks          the MQTT broker's key and certificate issued by the CA (SAN localhost/127.0.0.1)
#   broker-trust.jks    the CA, for the broker to verify client certificates
set -euo pipefail
cd "$(dirname "$0")"
rm -f ./*.pem ./*.jks ./*.p12 ./*.csr ./*.crt
pw=changeit
days=36500
san=san=dns:localhost,ip:127.0.0.1
kt() { keytool "$@" -storepass "$pw" -keypass "$pw" -noprompt >/dev/null 2>&1; }

kt -genkeypair -alias ca -keyalg EC -groupname secp256r1 -dname "CN=Demarc Agent Test CA" \
   -ext bc:c -ext ku:c=keyCertSign,cRLSign -validity "$days" -keystore ca.p12 -storetype PKCS12
keytool -exportcert -rfc -alias ca -keystore ca.p12 -storepass "$pw" >ca.pem
kt -importcert -alias ca -file ca.pem -keystore ca-trust.p12 -storetype PKCS12
kt -importcert -alias ca -file ca.pem -keystore broker-trust.jks -storetype JKS

# issue STORE ALIAS TYPE DNAME EXT...: a key in STORE whose certificate the CA signs.
issue() {
  local store=$1 alias=$2 type=$3 dname=$4
  shift 4
  kt -genkeypair -alias "$alias" -keyalg EC -groupname secp256r1 -dname "$dname" -validity "$days" \
     -keystore "$store" -storetype "$type"
  keytool -certreq -alias "$alias" -keystore "$store" -storepass "$pw" 2>/dev/null >"$alias.csr"
  keytool -gencert -alias ca -keystore ca.p12 -storepass "$pw" -infile "$alias.csr" -outfile "$alias.crt" \
     -rfc -validity "$days" "$@"
  kt -importcert -alias ca -file ca.pem -keystore "$store" -storetype "$type"
  kt -importcert -alias "$alias" -file "$alias.crt" -keystore "$store" -storetype "$type"
  rm -f "$alias.csr" "$alias.crt"
}
issue agent.p12 agent PKCS12 "CN=demarc-test-agent" -ext "$san" -ext eku=serverAuth,clientAuth
issue controller.p12 controller PKCS12 "CN=demarc-test-controller" \
  -ext "$san,uri:urn:bbf:usp:id:proto::demarc-test-controller" -ext eku=serverAuth,clientAuth
issue impostor.p12 impostor PKCS12 "CN=demarc-test-impostor" \
  -ext "$san,uri:urn:bbf:usp:id:proto::demarc-test-impostor" -ext eku=serverAuth,clientAuth
issue broker.jks broker JKS "CN=localhost" -ext "$san" -ext eku=serverAuth
kt -genkeypair -alias stranger -keyalg EC -groupname secp256r1 -dname "CN=demarc-test-stranger" \
   -ext "$san" -validity "$days" -keystore stranger.p12 -storetype PKCS12

# The agent's certificate chain and key as PEM files, the key as unencrypted PKCS#8.
keytool -exportcert -rfc -alias agent -keystore agent.p12 -storepass "$pw" >agent-cert.pem
cat ca.pem >>agent-cert.pem
openssl pkcs12 -in agent.p12 -passin "pass:$pw" -nocerts -nodes \
  | openssl pkcs8 -topk8 -nocrypt -out agent-key.pem
rm -f ca.p12 agent.p12
