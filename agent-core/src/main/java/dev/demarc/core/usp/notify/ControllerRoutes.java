package dev.demarc.core.usp.notify;

import dev.demarc.core.mtp.MtpAddress;
import java.util.Optional;

/**
 * Where a record the agent starts itself (a Notify) goes: the wiring layer maps a controller's
 * endpoint ID to an address on one of its MTPs (the controller's MQTT topic on a connected
 * broker, the WebSocket connection of that controller), or to nothing while no MTP reaches it.
 *
 * <p>Called on the data model's owner thread: it must answer at once from what the transports
 * know, without blocking. When a controller becomes reachable the transports say so with
 * {@code TransportListener.connected}, and what waited for it is sent then.
 */
@FunctionalInterface
public interface ControllerRoutes {

    /** The address that reaches this controller now; empty when none does. */
    Optional<MtpAddress> routeTo(String controllerEndpointId);

    /** No controller is reachable: notifications wait. */
    static ControllerRoutes none() {
        return endpointId -> Optional.empty();
    }
}
