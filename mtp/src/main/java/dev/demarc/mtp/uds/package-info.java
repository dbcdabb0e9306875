/**
 * The TR-369 Unix domain socket MTP ("UNIX Domain Socket Binding"), for USP endpoints on one
 * device: frames of a {@code _USP} header and TLVs ({@link dev.demarc.mtp.uds.UdsFrames}), the
 * agent's server ({@link dev.demarc.mtp.uds.UdsServerTransport}, which the agent's local control
 * socket is) and a blocking client ({@link dev.demarc.mtp.uds.UdsClient}, which the
 * {@code demarc} commands speak USP through).
 *
 * <p>What both sides do, as the binding says: the client sends a Handshake with its Endpoint ID
 * as soon as it is connected and the server answers with its own (R-UDS.16, R-UDS.17); records
 * go only after the Handshake (R-UDS.20), one per Record TLV (R-UDS.22); unknown TLV types are
 * ignored (R-UDS.15); a frame that cannot be parsed, or a record that cannot be extracted, is
 * answered with an Error TLV and the connection closed (R-UDS.23, R-UDS.24); an Error TLV
 * received closes the connection (R-UDS.25). No TLS: the socket file's mode (0600) keeps other
 * users out.
 *
 * <p>Records are opaque bytes here: nothing in this package reads protobuf.
 */
package dev.demarc.mtp.uds;
