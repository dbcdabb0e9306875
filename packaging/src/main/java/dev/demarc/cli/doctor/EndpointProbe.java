package dev.demarc.cli.doctor;

import java.time.Duration;

/**
 * Reaches one server as the agent would: resolves its name, connects over TCP, and for a TLS
 * endpoint does the handshake and reads the certificate. {@link SocketEndpointProbe} does it on
 * the network.
 *
 * <p>Called on the thread that runs the doctor; blocks about {@code timeout} at most per stage.
 */
public interface EndpointProbe {

    /** What happened; never throws for what the network does. */
    ProbeOutcome probe(Endpoint endpoint, Duration timeout);
}
